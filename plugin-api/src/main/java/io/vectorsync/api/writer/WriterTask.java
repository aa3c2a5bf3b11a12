package io.vectorsync.api.writer;

import io.vectorsync.api.record.Record;
import java.util.List;

/**
 * Writes the records of one stream. Used by one thread. A record the target refuses is reported through
 * {@code context.dirtyRecords()}; every other record handed to {@link #write} counts as written once
 * {@link #flush()} returns.
 */
public interface WriterTask extends AutoCloseable {
    /** Writes or buffers a batch. Retries transient failures itself. */
    void write(List<Record> batch) throws Exception;

    /** Writes whatever is buffered. Called at the end of the stream, before {@link #close()}. */
    default void flush() throws Exception {
    }

    @Override
    void close() throws Exception;
}
