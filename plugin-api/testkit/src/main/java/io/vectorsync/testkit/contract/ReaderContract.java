package io.vectorsync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.ReaderFactory;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The contract every reader keeps, as JUnit 5 tests. A reader's own test extends this class and supplies the
 * fixture: the factory, parameters that read a known input, and the records that input holds. Set-up of a test
 * server belongs in the subclass ({@code @BeforeAll}).
 *
 * <pre>{@code
 * class CsvReaderContractTest extends ReaderContract {
 *     protected ReaderFactory factory() { return new CsvReaderFactory(); }
 *     protected Map<String, Object> params() { return Map.of("path", dir.toString()); }
 *     protected List<Row> expectedRows(int parallelism) { return CsvFixtures.ROWS; }
 * }
 * }</pre>
 */
public abstract class ReaderContract {
    /** The reader under test. */
    protected abstract ReaderFactory factory();

    /** Parameters that read the fixture's input; the same input on every call. */
    protected abstract Map<String, Object> params();

    /**
     * Every record the input holds, in any order, when read with {@code parallelism} streams: the same list
     * whatever the parallelism for a reader of stored data; a generator such as the stream reader makes records
     * per stream.
     */
    protected abstract List<Row> expectedRows(int parallelism);

    /**
     * Parameters naming a source that cannot be reached (a closed port, a missing bucket) to prove
     * {@code schema()} and {@code splitCodec()} need no connection; {@code null} (the default) reuses
     * {@link #params()}, for readers with nothing to connect to.
     */
    protected Map<String, Object> unreachableParams() {
        return null;
    }

    /** The {@code speed.concurrent} hints the splits are planned with. */
    protected List<Integer> parallelismHints() {
        return List.of(1, 2, 3, 8);
    }

    @Test
    public void schemaAndSplitCodecAreAvailableOffline() {
        Map<String, Object> offline = unreachableParams() != null ? unreachableParams() : params();
        PluginConfig config = PluginHarness.bind(factory(), offline);
        assertDoesNotThrow(() -> {
            try (Reader reader = factory().create(config, new TestPluginContext(factory().name()))) {
                Schema schema = reader.schema();
                assertNotNull(schema, "schema() returned null");
                assertFalse(schema.fields().isEmpty(), "schema() has no fields");
                assertNotNull(reader.splitCodec(), "splitCodec() returned null");
            }
        }, "create, schema() and splitCodec() must work without reaching the source");
    }

    @Test
    public void splitsCoverTheInputExactlyOnceForEveryParallelism() throws Exception {
        for (int hint : parallelismHints()) {
            PluginHarness.ReadResult result = PluginHarness.read(factory(), params(), hint);
            assertUniqueIds(result.splits(), hint);
            Bags.assertSameBag(expectedRows(hint), result.records(), Bags::rowKey,
                    "records read with parallelism " + hint + " (" + result.splits().size() + " splits)");
        }
    }

    @Test
    public void splitsSurviveTheirCodec() throws Exception {
        int hint = maxHint();
        List<Row> direct = PluginHarness.read(factory(), params(), hint).records();
        PluginHarness.ReadResult decoded = PluginHarness.readThroughCodec(factory(), params(), hint);
        Bags.assertSameBag(direct, decoded.records(), Bags::rowKey,
                "records read from splits encoded and decoded with splitCodec()");
    }

    @Test
    public void differentSplitsCanBeOpenedConcurrently() throws Exception {
        int hint = maxHint();
        List<Row> sequential = PluginHarness.read(factory(), params(), hint).records();
        PluginConfig config = PluginHarness.bind(factory(), params());
        TestPluginContext ctx = new TestPluginContext(factory().name(), hint);
        try (Reader reader = factory().create(config, ctx)) {
            reader.schema();
            reader.check();
            List<? extends Split> splits = reader.planSplits(hint);
            List<Callable<List<Row>>> reads = new ArrayList<>();
            for (Split split : splits) {
                reads.add(() -> PluginHarness.readSplit(reader, split));
            }
            List<Row> concurrent = new ArrayList<>();
            AtOnce.run(reads).forEach(concurrent::addAll);
            Bags.assertSameBag(sequential, concurrent, Bags::rowKey,
                    "records read by " + splits.size() + " splits opened at once");
        }
    }

    @Test
    public void aSplitStoppedBeforeItsEndClosesAndCanBeReadAgain() throws Exception {
        PluginConfig config = PluginHarness.bind(factory(), params());
        List<Row> whole;
        Split first;
        TestPluginContext ctx = new TestPluginContext(factory().name(), 1);
        try (Reader reader = factory().create(config, ctx)) {
            reader.schema();
            reader.check();
            List<? extends Split> splits = reader.planSplits(1);
            if (splits.isEmpty()) {
                return;
            }
            first = splits.get(0);
            whole = PluginHarness.readSplit(reader, first);
            List<Row> partial = new ArrayList<>();
            SplitReader stopped = reader.open(first);
            PollStatus status = stopped.poll(partial::add);
            ctx.requestStop();
            stopped.close();
            assertTrue(whole.size() >= partial.size(), "one poll emitted more than the whole split");
            assertTrue(status != PollStatus.END || partial.size() == whole.size(),
                    "poll said END after " + partial.size() + " of the split's " + whole.size() + " records");
        }
        // a resumed run reads the split again from its start, with a new reader
        try (Reader again = factory().create(config, new TestPluginContext(factory().name(), 1))) {
            again.schema();
            again.check();
            Bags.assertSameBag(whole, PluginHarness.readSplit(again, first), Bags::rowKey,
                    "the split read again after a run that stopped in its middle");
        }
    }

    @Test
    public void closingTwiceIsHarmless() throws Exception {
        PluginConfig config = PluginHarness.bind(factory(), params());
        Reader reader = factory().create(config, new TestPluginContext(factory().name(), 1));
        reader.schema();
        reader.check();
        List<? extends Split> splits = reader.planSplits(1);
        if (!splits.isEmpty()) {
            SplitReader split = reader.open(splits.get(0));
            split.poll(r -> { });
            split.close();
            assertDoesNotThrow(split::close, "closing a split reader a second time");
        }
        reader.close();
        assertDoesNotThrow(reader::close, "closing a reader a second time");
    }

    private int maxHint() {
        return parallelismHints().stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    private static void assertUniqueIds(List<? extends Split> splits, int hint) {
        Set<String> ids = new HashSet<>();
        for (Split s : splits) {
            assertTrue(ids.add(s.id()), "split id " + s.id() + " appears twice with parallelism " + hint);
        }
        assertEquals(ids.size(), splits.size());
    }
}
