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
 *   <li>{@link #finish()} once, after every task closed without error: refresh, flush, load;</li>
 *   <li>{@link #close()}, always.</li>
 * </ol>
 */
public interface Writer extends AutoCloseable {
    /** Checks the column mapping against the upstream schema; throws PluginException naming the column. */
    void bind(Schema input);

    default void check() throws Exception {
    }

    default void prepare() throws Exception {
    }

    /** Opens the writer of stream {@code streamIndex} (0-based). */
    WriterTask openTask(int streamIndex) throws Exception;

    default void finish() throws Exception {
    }

    @Override
    default void close() throws Exception {
    }
}
