package io.vectorsync.api;

import io.vectorsync.api.error.DirtyRecordReporter;
import io.vectorsync.api.model.ModelRegistry;

/**
 * Everything a plugin may use from the running job: its step's name, metrics, the dirty-record reporter, the
 * stop signal and (for transformers) the embedding models. One context per step; thread-safe.
 */
public interface PluginContext {
    /** The step's {@code name} (or {@code displayName}, or stepType) in the job, for messages. */
    String stepName();

    /** {@code setting.speed.concurrent}: how many streams run this step at once. */
    int concurrency();

    Metrics metrics();

    /** Where records that cannot be processed go; counted against the job's error limit. */
    DirtyRecordReporter dirtyRecords();

    /** True once the job is failing or cancelled: long loops should check it and return. */
    boolean stopRequested();

    /** True when the job runs as a preview: read a sample, write nothing, keep side effects to a minimum. */
    default boolean preview() {
        return false;
    }

    /** The installed embedding model providers. */
    ModelRegistry models();
}
