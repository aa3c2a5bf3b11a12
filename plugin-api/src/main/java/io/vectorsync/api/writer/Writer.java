package io.vectorsync.api.writer;

import io.vectorsync.api.record.Schema;

/**
 * The writer of one job step. Lifecycle, on the driver thread except the tasks:
 * <ol>
 *   <li>{@link #bind(Schema)}: at planning, offline: check the column mapping against the input schema;</li>
 *   <li>{@link #check()}: {@code run} and {@code preview}: the target exists or can be created, vector
 *       dimensions match an existing target;</li>
 *   <li>{@link #prepare()} once: create the collection or index, truncate (not in preview);</li>
 *   <li>{@link #openTask(int)} once per stream; tasks run concurrently;</li>
 *   <li>then exactly one of: {@link #finish()}, after every task flushed and closed without error (refresh, make
 *       output visible, load); or {@link #abort(Throwable)}, when the job failed or was cancelled (by then every
 *       task has been closed: aborted if it was still writing, flushed if its stream had already ended; a task
 *       that did not stop within the core's grace period is abandoned, and abort must then not wait for it);</li>
 *   <li>{@link #close()}, always.</li>
 * </ol>
 */
public interface Writer extends AutoCloseable {
    /** Checks the column mapping against the upstream schema; throws PluginException naming the column. */
    void bind(Schema input);

    default void check() throws Exception {
    }

    /**
     * Once per job: create the target, and the actions that destroy data (truncate, cleanup, recreate). A run
     * resumed with {@code --resume} skips it when an earlier attempt of the job completed it (the core journals
     * that), so it never truncates twice: whatever the tasks need from the target must be set up by
     * {@link #check()} as well (which runs on every attempt).
     */
    default void prepare() throws Exception {
    }

    /** Opens the writer of stream {@code streamIndex} (0-based). */
    WriterTask openTask(int streamIndex) throws Exception;

    default void finish() throws Exception {
    }

    /**
     * The job failed or was cancelled: undo or hide what can be undone (remove in-progress files, drop a
     * staging table) and document in the plugin's README what a failed run leaves in the target. Never called
     * together with {@link #finish()}. Must not throw for ordinary cleanup failures (log them); must return
     * promptly. {@code cause} is the job's first failure, or a cancellation.
     */
    default void abort(Throwable cause) {
    }

    /**
     * Whether writing the same records a second time (a split replayed after a crash) leaves the target as if
     * they were written once. The resume feature refuses writers that say no. Decided from the configured
     * mode: an upsert by id is idempotent, an append or an insert with generated ids is not.
     */
    default Idempotence idempotence() {
        return Idempotence.no("this writer does not declare whether writing a record twice is harmless");
    }

    @Override
    default void close() throws Exception {
    }
}
