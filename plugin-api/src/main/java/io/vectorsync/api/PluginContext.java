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

    /**
     * An object shared by every step and stream of this run in this process that asks for the same {@code key}
     * (a rate limiter for one API key, a connection pool): created by {@code create} on first request, and closed,
     * when it is {@link AutoCloseable}, after the run's steps are closed. The run owns it, so nothing outlives the
     * run and two runs in one process (the console, tests) never share. Keys are compared with {@code equals},
     * together with {@code type}'s class loader: steps of one plugin share its class loader, so a plugin asking with
     * a type of its own never meets another plugin's objects.
     *
     * <p>A core that keeps no run state (the default) creates a new object for each request: the caller gets one
     * of its own, never a shared one.
     *
     * @since 2.1
     */
    default <T> T runShared(Object key, Class<T> type, java.util.function.Supplier<? extends T> create) {
        return type.cast(create.get());
    }
}
