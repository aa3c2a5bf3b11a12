package io.vectorsync.core.runtime;

import io.vectorsync.api.AbstractPluginContext;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.model.ModelRegistry;
import io.vectorsync.api.record.Row;
import io.vectorsync.core.stats.StepMetrics;
import java.util.function.Supplier;

/**
 * The core's context for one step. It implements {@link io.vectorsync.api.transform.TransformerContext}, but only a
 * transformer step's context has models: readers and writers are handed it as a plain
 * {@link io.vectorsync.api.PluginContext}.
 */
public final class StepContext extends AbstractPluginContext {
    private final StepMetrics metrics;
    private final DirtyRecords dirtyRecords;
    private final JobControl control;
    private final boolean preview;
    private final ModelRegistry models;
    private final RunScope runScope;

    public StepContext(StepMetrics metrics, int concurrency, DirtyRecords dirtyRecords, JobControl control,
                       boolean preview, ModelRegistry models, RunScope runScope) {
        super(metrics.stepName(), concurrency, metrics);
        this.runScope = runScope;
        this.metrics = metrics;
        this.dirtyRecords = dirtyRecords;
        this.control = control;
        this.preview = preview;
        this.models = models;
    }

    /**
     * One more dirty record; past {@code errorLimit.record} the job fails here, before the exception travels
     * through the plugin (which might catch it).
     */
    @Override
    protected void dirty(Row record, String raw, ErrorCode code, String message) {
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
