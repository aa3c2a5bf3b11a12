package io.vectorsync.api.writer;

import io.vectorsync.api.record.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WriterTask} that turns each row into the target's form and sends the rows in batches, the shape most
 * writers have: {@link #write} converts and buffers, and a buffer of {@code batchSize} rows, or {@link #flush()},
 * sends it with {@link #send}; {@link #abort} drops what is buffered (batches already sent stay where the target
 * keeps them) and ignores later writes; {@link #close()} drops the buffer. Used by one thread, like every task.
 *
 * @param <T> a row in the target's form
 */
public abstract class BufferedWriterTask<T> implements WriterTask {
    private final int batchSize;
    private final List<T> rows = new ArrayList<>();
    private final List<Row> sources = new ArrayList<>();
    private boolean aborted;

    /** @param batchSize how many converted rows are sent at once; at least 1 */
    protected BufferedWriterTask(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * The row in the target's form, or {@code null} when it cannot be written: report it through
     * {@code context.dirtyRecords()} first.
     */
    protected abstract T convert(Row row) throws Exception;

    /**
     * Sends one batch and returns once the target has acknowledged it. {@code sources.get(i)} is the row that
     * {@code rows.get(i)} was converted from, for the dirty records of rows the target refuses. The lists are the
     * task's own copies.
     */
    protected abstract void send(List<T> rows, List<Row> sources) throws Exception;

    @Override
    public void write(List<Row> batch) throws Exception {
        if (aborted) {
            return;
        }
        for (Row r : batch) {
            T row = convert(r);
            if (row == null) {
                continue;
            }
            rows.add(row);
            sources.add(r);
            if (rows.size() >= batchSize) {
                sendBuffered();
            }
        }
    }

    @Override
    public void flush() throws Exception {
        if (!rows.isEmpty()) {
            sendBuffered();
        }
    }

    /** Drops the buffered rows unsent; later writes are ignored. */
    @Override
    public void abort(Throwable cause) {
        aborted = true;
        rows.clear();
        sources.clear();
    }

    /** Drops the buffered rows; a task that holds a connection overrides this and calls it. */
    @Override
    public void close() throws Exception {
        rows.clear();
        sources.clear();
    }

    private void sendBuffered() throws Exception {
        List<T> batchRows = new ArrayList<>(rows);
        List<Row> batchSources = new ArrayList<>(sources);
        rows.clear();
        sources.clear();
        send(batchRows, batchSources);
    }
}
