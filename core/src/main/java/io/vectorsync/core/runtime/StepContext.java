package io.vectorsync.core.runtime;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.DirtyRecordReporter;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.model.ModelRegistry;
import io.vectorsync.api.transform.TransformerContext;
import io.vectorsync.api.record.Row;
import io.vectorsync.core.stats.StepMetrics;
import java.util.function.Supplier;

/**
 * The core's context for one step. It implements {@link TransformerContext}, but only a transformer step's
 * context has models: readers and writers are handed it as a plain {@link io.vectorsync.api.PluginContext}.
 */
public final class StepContext implements TransformerContext {
    private final StepMetrics metrics;
    private final int concurrency;
    private final DirtyRecords dirtyRecords;
    private final JobControl control;
    private final boolean preview;
    private final ModelRegistry models;
    private final DirtyRecordReporter reporter;
    private final RunScope runScope;

    public StepContext(StepMetrics metrics, int concurrency, DirtyRecords dirtyRecords, JobControl control,
                       boolean preview, ModelRegistry models, RunScope runScope) {
        this.runScope = runScope;
        this.metrics = metrics;
        this.concurrency = concurrency;
        this.dirtyRecords = dirtyRecords;
        this.control = control;
        this.preview = preview;
        this.models = models;
        this.reporter = new DirtyRecordReporter() {
            @Override
            public void report(Row record, ErrorCode code, String message) {
                countDirty(record, null, code, message);
            }

            @Override
            public void reportRaw(String rawInput, ErrorCode code, String message) {
                countDirty(null, rawInput, code, message);
            }
        };
    }

    /**
     * One more dirty record; past {@code errorLimit.record} the job fails here, before the exception travels
     * through the plugin (which might catch it).
     */
    private void countDirty(Row record, String raw, ErrorCode code, String message) {
        try {
            dirtyRecords.report(metrics, record, raw, code, message);
        } catch (ErrorLimitExceededException e) {
            control.fail(e);
            throw e;
        }
    }

    public StepMetrics stepMetrics() {
        return metrics;
    }

    @Override
    public String stepName() {
        return metrics.stepName();
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

    @Override
    public boolean stopRequested() {
        return control.stopRequested();
    }

    @Override
    public String runId() {
        return control.runId();
    }

    @Override
    public boolean preview() {
        return preview;
    }

    @Override
    public <T> T runShared(Object key, Class<T> type, Supplier<? extends T> create) {
        return runScope.shared(key, type, create);
    }

    @Override
    public ModelRegistry models() {
        if (models == null) {
            throw new IllegalStateException("step " + stepName() + " is not a transformer: it has no embedding models");
        }
        return models;
    }

    DirtyRecords dirty() {
        return dirtyRecords;
    }
}
