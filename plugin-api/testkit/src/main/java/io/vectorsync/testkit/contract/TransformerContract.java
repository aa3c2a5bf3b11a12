package io.vectorsync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.transform.TransformerFactory;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The contract every transformer keeps, as JUnit 5 tests. A transformer's own test extends this class and
 * supplies the fixture: factory, parameters, the upstream schema and input rows. Include rows the step filters
 * or reports dirty, if it has such, so that the accounting test sees them.
 */
public abstract class TransformerContract {
    protected abstract TransformerFactory factory();

    protected abstract Map<String, Object> params();

    protected abstract Schema inputSchema();

    /** Input rows (at least 3) of {@link #inputSchema()}. */
    protected abstract List<Row> inputRows();

    /** A new context per run; override to register models ({@link TestPluginContext#withModel}). */
    protected TestPluginContext context() {
        return new TestPluginContext(factory().name(), 4);
    }

    @Test
    public void outputSchemaIsDeclaredBeforeAnyData() throws Exception {
        PluginConfig config = PluginHarness.bind(factory(), params());
        try (Transformer t = factory().create(config, context())) {
            Schema out = t.outputSchema(inputSchema());
            assertNotNull(out, "outputSchema() returned null");
            assertFalse(out.fields().isEmpty(), "outputSchema() has no fields");
        }
        // every emitted row is checked against the declared schema by the harness
        PluginHarness.transform(factory(), params(), inputSchema(), inputRows(), 2, context());
    }

    @Test
    public void batchesOfZeroOneAndManyGiveTheSameOutput() throws Exception {
        List<Row> rows = inputRows();
        assertTrue(rows.size() >= 3, "the fixture should give at least 3 rows");
        PluginHarness.TransformResult empty = PluginHarness.transform(factory(), params(), inputSchema(), List.of(), 1,
                context());
        assertEquals(List.of(), empty.records(), "no input, yet records were emitted");
        assertEquals(List.of(), empty.context().dirty(), "no input, yet records were reported dirty");
        PluginHarness.TransformResult ones = PluginHarness.transform(factory(), params(), inputSchema(), rows, 1,
                context());
        PluginHarness.TransformResult all = PluginHarness.transform(factory(), params(), inputSchema(), rows,
                rows.size(), context());
        Bags.assertSameBag(ones.records(), all.records(), Bags::rowKey, "records emitted from one batch vs batches of 1");
        assertEquals(ones.filtered().size(), all.filtered().size(), "records filtered from one batch vs batches of 1");
        assertEquals(ones.context().dirty().size(), all.context().dirty().size(),
                "records reported dirty from one batch vs batches of 1");
    }

    @Test
    public void oneInstanceServesSeveralStreamsAtOnce() throws Exception {
        List<Row> rows = inputRows();
        List<Row> single = PluginHarness.transform(factory(), params(), inputSchema(), rows, 2, context()).records();
        int streams = 4;
        PluginConfig config = PluginHarness.bind(factory(), params());
        List<Row> emitted = Collections.synchronizedList(new ArrayList<>());
        try (Transformer t = factory().create(config, context())) {
            t.outputSchema(inputSchema());
            List<Callable<Void>> streamsOfBatches = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                streamsOfBatches.add(() -> {
                    TransformOutput out = collect(emitted, new ArrayList<>());
                    for (int i = 0; i < rows.size(); i += 2) {
                        t.transform(List.copyOf(rows.subList(i, Math.min(rows.size(), i + 2))), out);
                    }
                    return null;
                });
            }
            AtOnce.run(streamsOfBatches);
        }
        List<Row> expected = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            expected.addAll(single);
        }
        Bags.assertSameBag(expected, emitted, Bags::rowKey, "records emitted by " + streams + " streams sharing one instance");
    }

    @Test
    public void everyInputIsEmittedReportedDirtyOrFiltered() throws Exception {
        PluginConfig config = PluginHarness.bind(factory(), params());
        TestPluginContext ctx = context();
        try (Transformer t = factory().create(config, ctx)) {
            t.outputSchema(inputSchema());
            for (Row in : inputRows()) {
                List<Row> emitted = new ArrayList<>();
                List<Row> filtered = new ArrayList<>();
                int dirtyBefore = ctx.dirty().size();
                t.transform(List.of(in), collect(emitted, filtered));
                int dirty = ctx.dirty().size() - dirtyBefore;
                int outcomes = (emitted.isEmpty() ? 0 : 1) + (filtered.isEmpty() ? 0 : 1) + (dirty == 0 ? 0 : 1);
                assertEquals(1, outcomes, "input " + in + " should end in exactly one of emitted (" + emitted.size()
                        + "), filtered (" + filtered.size() + ") or dirty (" + dirty + ")");
                assertTrue(filtered.size() <= 1 && dirty <= 1, "input " + in + " was counted more than once");
            }
        }
    }

    private static TransformOutput collect(List<Row> emitted, List<Row> filtered) {
        return new TransformOutput() {
            @Override
            public void emit(Row record) {
                emitted.add(record);
            }

            @Override
            public void filter(Row input) {
                filtered.add(input);
            }
        };
    }
}
