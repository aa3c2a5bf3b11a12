package io.vectorsync.api.reader;

/**
 * Reads one split. Used by one thread at a time. The core calls {@link #poll} until it returns
 * {@link PollStatus#END}, then {@link #close()} (also on failure).
 */
public interface SplitReader extends AutoCloseable {
    /**
     * Emits some records (a few hundred is a good amount) and says whether more follow. May block on I/O.
     * A record that cannot be read goes to {@code context.dirtyRecords()}, not to an exception.
     */
    PollStatus poll(RecordOutput output) throws Exception;

    @Override
    void close() throws Exception;
}
