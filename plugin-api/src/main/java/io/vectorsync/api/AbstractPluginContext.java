package io.vectorsync.api;

import io.vectorsync.api.error.DirtyRecordReporter;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.transform.TransformerContext;

/**
 * What every host that runs plugins (the engine, the test kit's {@code TestPluginContext}) does the same in a
 * step's context: its name, concurrency and metrics, and a dirty-record reporter whose two calls end in one
 * {@link #dirty} method. Plugins receive contexts; they do not extend this.
 */
public abstract class AbstractPluginContext implements TransformerContext {
    private final String stepName;
    private final int concurrency;
    private final Metrics metrics;
    private final DirtyRecordReporter reporter = new DirtyRecordReporter() {
        @Override
        public void report(Row record, ErrorCode code, String message) {
            dirty(record, null, code, message);
        }

        @Override
        public void reportRaw(String rawInput, ErrorCode code, String message) {
            dirty(null, rawInput, code, message);
        }
    };

    protected AbstractPluginContext(String stepName, int concurrency, Metrics metrics) {
        this.stepName = stepName;
        this.concurrency = concurrency;
        this.metrics = metrics;
    }

    /**
     * Takes one dirty record ({@code raw} null) or one raw input that never became a record ({@code record} null);
     * throws when the step's error limit is crossed.
     */
    protected abstract void dirty(Row record, String raw, ErrorCode code, String message);

    @Override
    public String stepName() {
        return stepName;
    }

    @Override
    public int concurrency() {
        return concurrency;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public DirtyRecordReporter dirtyRecords() {
        return reporter;
    }
}
