package io.vectorsync.api;

import io.vectorsync.api.error.DirtyRecordReporter;

/**
 * Everything a plugin may use from the running job: its step's name, metrics, the dirty-record reporter, the
 * stop signal. One context per step; thread-safe. Transformers get a
 * {@link io.vectorsync.api.transform.TransformerContext}, which adds the embedding models.
 */
public interface PluginContext {
    /** The step's {@code name} (or {@code displayName}, or stepType) in the job, for messages. */
    String stepName();

    /** {@code setting.speed.concurrent}: how many streams run this step at once. */
    int concurrency();

    Metrics metrics();

    /** Where records that cannot be processed go; counted against the job's error limit. */
    DirtyRecordReporter dirtyRecords();

    /**
     * True once the job is failing or cancelled: long loops and waits should check it and return. The core also
     * interrupts the job's threads; a plugin that catches {@link InterruptedException} restores the interrupt.
     */
    boolean stopRequested();

    /** True when the job runs as a preview: read a sample, write nothing, keep side effects to a minimum. */
    default boolean preview() {
        return false;
    }

    /**
     * The id of this run of the job, the same in every process that runs a part of it (the Flink engine's client
     * and its subtasks), {@code <pid>-<processStartMillis>-<hex>} of the process that coordinates the run, so a
     * plugin can also tell whether a run that left something behind may still be going. A writer that stages
     * output names it after this id, so that {@link io.vectorsync.api.writer.Writer#finish()} in the coordinating
     * process finds what tasks in other processes staged. Null when the core does not say.
     */
    default String runId() {
        return null;
    }
}
