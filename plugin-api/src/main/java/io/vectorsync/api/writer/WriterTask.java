package io.vectorsync.api.writer;

import io.vectorsync.api.record.Row;
import java.util.List;

/**
 * Writes the records of one stream. Used by one thread. A record the target refuses is reported through
 * {@code context.dirtyRecords()}; every other record handed to {@link #write} counts as written once
 * {@link #flush()} returns.
 *
 * <p>Lifecycle: {@link #write} any number of times, then either {@link #flush()} (end of input) or
 * {@link #abort(Throwable)} (the job failed or is being cancelled), then {@link #close()}, always. The core
 * interrupts the task's thread when the job stops: a blocking call should give up on interrupt and restore the
 * thread's interrupt status.
 */
public interface WriterTask extends AutoCloseable {
    /** Writes or buffers a batch. Retries transient failures itself. */
    void write(List<Row> batch) throws Exception;

    /**
     * Writes whatever is buffered and returns once the target has acknowledged every record written so far.
     * Called at the end of the stream, before {@link #close()}; in a run with {@code --resume} also at the end of
     * each split (more {@link #write} calls follow), after which the core journals the split as done.
     */
    default void flush() throws Exception {
    }

    /**
     * The job failed or is being cancelled: discard what is buffered (never flush it), and undo or hide what
     * this task wrote where the target allows (delete an in-progress file). Called on the task's own thread,
     * instead of {@link #flush()} and before {@link #close()}. Must not throw for ordinary cleanup failures.
     */
    default void abort(Throwable cause) {
    }

    @Override
    void close() throws Exception;
}
