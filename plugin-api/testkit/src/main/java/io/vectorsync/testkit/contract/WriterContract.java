package io.vectorsync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The contract every writer keeps, as JUnit 5 tests. A writer's own test extends this class and supplies the
 * fixture: the factory, parameters for an empty target, rows to write, and a way to read the target back as
 * keys (one per stored record, e.g. the id column). Each test starts from {@link #params()} called anew: return
 * a fresh target (a new directory, a new index name) each time. The rows default to {@code (id, text)} pairs keyed
 * by id; override {@link #schema()}, {@link #rows()} and {@link #keyOf} for a writer that needs other columns.
 */
public abstract class WriterContract {
    /** The default fixture's schema. */
    protected static final Schema ID_TEXT = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
            .build();

    /** What a run that is aborted leaves in the target; the plugin's README says the same. */
    public enum AbortOutcome {
        /** Nothing of the aborted run is visible (in-progress files deleted, staging dropped). */
        NOTHING,
        /** Some of the records written before the abort may stay (no transaction); never one that was not written. */
        SOME_OF_THE_WRITTEN
    }

    /** An input schema the writer's parameters cannot be bound to, and the column the error must name. */
    public record BindMismatch(Schema input, String column) {
    }

    protected abstract WriterFactory factory();

    /** Parameters for a new, empty target. Called once per test; the target it names is the one read back. */
    protected abstract Map<String, Object> params();

    /** The schema of {@link #rows()}, as the upstream step would declare it. Default: {@code id INT64, text STRING}. */
    protected Schema schema() {
        return ID_TEXT;
    }

    /** Records to write: at least 6, with distinct keys. Default: ids 0 to 8 with {@code "text <id>"}. */
    protected List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 9; i++) {
            rows.add(Row.of(ID_TEXT, i, "text " + i));
        }
        return rows;
    }

    /** The key a row is stored under (the id column, the text of a line). Default: the {@code id} field as text. */
    protected String keyOf(Row row) {
        return String.valueOf(row.get("id"));
    }

    /** The keys of every record in the target of the last {@link #params()}, one per stored record. */
    protected abstract List<String> readTarget() throws Exception;

    /** What an aborted run leaves, as the plugin documents it. */
    protected abstract AbortOutcome abortLeaves();

    /** An input the parameters do not fit, or {@code null} when the writer maps no columns. */
    protected BindMismatch bindMismatch() {
        return null;
    }

    /** True when records become visible only at {@link Writer#finish()} (a rename, a commit, a refresh). */
    protected boolean publishesOnFinish() {
        return false;
    }

    /**
     * False for a writer whose target keeps nothing to compare (it prints): then a writer that says it is
     * idempotent is not checked by writing twice.
     */
    protected boolean targetKeepsRecords() {
        return true;
    }

    @Test
    public void bindErrorsNameTheColumn() {
        BindMismatch mismatch = bindMismatch();
        assumeTrue(mismatch != null, "the fixture declares no column mapping to break");
        PluginConfig config = PluginHarness.bind(factory(), params());
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (Writer w = factory().create(config, new TestPluginContext(factory().name()))) {
                w.bind(mismatch.input());
            }
        }, "bind() accepted an input without the column " + mismatch.column());
        assertTrue(String.valueOf(e.getMessage()).contains(mismatch.column()),
                "the bind error should name the column " + mismatch.column() + ": " + e.getMessage());
    }

    @Test
    public void checkRunsBeforePrepareAndWritesNothing() throws Exception {
        PluginConfig config = PluginHarness.bind(factory(), params());
        try (Writer w = factory().create(config, new TestPluginContext(factory().name()))) {
            w.bind(schema());
            w.check();
        }
        assertEquals(List.of(), readTarget(), "bind() and check() without prepare() stored records");
    }

    @Test
    public void severalTasksWriteAtOnceAndEverythingIsThereAfterFinish() throws Exception {
        List<Row> rows = rows();
        assertTrue(rows.size() >= 6, "the fixture should give at least 6 rows");
        int tasks = 3;
        PluginConfig config = PluginHarness.bind(factory(), params());
        try (Writer w = factory().create(config, new TestPluginContext(factory().name(), tasks))) {
            w.bind(schema());
            w.check();
            w.prepare();
            runTasks(w, slices(rows, tasks), true);
            if (publishesOnFinish()) {
                assertEquals(List.of(), readTarget(), "records visible before finish(), every task flushed and closed");
            }
            w.finish();
        }
        Bags.assertSameBag(rows.stream().map(this::keyOf).toList(), readTarget(), k -> k,
                "records in the target after " + tasks + " concurrent tasks and finish()");
    }

    @Test
    public void abortLeavesWhatThePluginDocuments() throws Exception {
        List<Row> rows = rows();
        PluginConfig config = PluginHarness.bind(factory(), params());
        try (Writer w = factory().create(config, new TestPluginContext(factory().name(), 2))) {
            w.bind(schema());
            w.check();
            w.prepare();
            runTasks(w, slices(rows, 2), false);
            w.abort(new IllegalStateException("the contract test aborts the job"));
        }
        List<String> left = readTarget();
        if (abortLeaves() == AbortOutcome.NOTHING) {
            assertEquals(List.of(), left, "the plugin says an aborted run leaves nothing");
        } else {
            List<String> written = rows.stream().map(this::keyOf).toList();
            for (String key : left) {
                assertTrue(written.contains(key), "after abort the target holds " + key + ", which was never written");
            }
            assertTrue(left.size() <= written.size(), "after abort the target holds more records than were written");
        }
    }

    @Test
    public void idempotenceIsExplainedAndHolds() throws Exception {
        Map<String, Object> params = params();
        PluginConfig config = PluginHarness.bind(factory(), params);
        Idempotence answer;
        try (Writer w = factory().create(config, new TestPluginContext(factory().name()))) {
            answer = w.idempotence();
        }
        assertNotNull(answer, "idempotence() returned null");
        assertFalse(answer.explanation().isBlank(), "idempotence() must say why (or what to change)");
        if (!answer.idempotent() || !targetKeepsRecords()) {
            return;
        }
        List<Row> rows = rows();
        for (int run = 0; run < 2; run++) {
            PluginHarness.write(factory(), params, schema(), rows, 2, new TestPluginContext(factory().name()));
        }
        Bags.assertSameBag(rows.stream().map(this::keyOf).toList(), readTarget(), k -> k,
                "the writer says it is idempotent (" + answer.explanation() + "), but after writing the rows twice");
    }

    private static List<List<Row>> slices(List<Row> rows, int n) {
        List<List<Row>> slices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slices.add(new ArrayList<>());
        }
        for (int i = 0; i < rows.size(); i++) {
            slices.get(i % n).add(rows.get(i));
        }
        return slices;
    }

    /** Runs one task per slice on its own thread, batches of 2; then flush (or abort) and close, as the core does. */
    private static void runTasks(Writer w, List<List<Row>> slices, boolean flush) throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            int stream = i;
            List<Row> slice = slices.get(i);
            tasks.add(() -> {
                try (WriterTask task = w.openTask(stream)) {
                    for (int j = 0; j < slice.size(); j += 2) {
                        task.write(List.copyOf(slice.subList(j, Math.min(slice.size(), j + 2))));
                    }
                    if (flush) {
                        task.flush();
                    } else {
                        task.abort(new IllegalStateException("the contract test aborts the job"));
                    }
                }
                return null;
            });
        }
        AtOnce.run(tasks);
    }
}
