package io.vectorsync.core.runtime;

import io.vectorsync.api.record.Row;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue of record batches between two stages of one stream, bounded by records and by bytes, so a slow
 * writer stops the reader instead of filling the heap. A batch larger than the bounds is still let through
 * when the channel is empty. Closing marks the end of input; aborting wakes both sides.
 */
public final class BoundedChannel {
    /** A batch with its size in bytes, computed once by the producer. */
    public record Batch(List<Row> records, long bytes) {
    }

    private final int maxRecords;
    private final long maxBytes;
    private final JobControl control;
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private int records;
    private long bytes;
    private boolean closed;

    public BoundedChannel(int maxRecords, long maxBytes, JobControl control) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.control = control;
    }

    /** Blocks while full; returns false when the job is stopping (the batch is dropped with the job). */
    public boolean put(Batch batch) throws InterruptedException {
        lock.lock();
        try {
            while (!queue.isEmpty() && (records + batch.records().size() > maxRecords || bytes + batch.bytes() > maxBytes)) {
                if (control.stopRequested()) {
                    return false;
                }
                notFull.await(100, TimeUnit.MILLISECONDS);
            }
            if (control.stopRequested()) {
                return false;
            }
            queue.addLast(batch);
            records += batch.records().size();
            bytes += batch.bytes();
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next batch, or null at the end of input or when the job is stopping. */
    public Batch take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed || control.stopRequested()) {
                    return null;
                }
                notEmpty.await(100, TimeUnit.MILLISECONDS);
            }
            Batch b = queue.pollFirst();
            records -= b.records().size();
            bytes -= b.bytes();
            notFull.signal();
            return b;
        } finally {
            lock.unlock();
        }
    }

    /** No more batches will be put. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
