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
 * when the channel is empty.
 *
 * <p>Two ways to end it, never confused: {@link #close()} is the end of input (the producer finished normally;
 * {@link #take()} returns null once the queue is drained); {@link #abort()} means the job stopped (a failure or a
 * cancellation, already recorded in {@link JobControl}): {@link #take()} and {@link #put} then throw
 * {@link JobStoppedException}, so a consumer never mistakes a failure upstream for the end of its input. Both
 * sides also stop when the job stops in another stream. The stop flag is checked per batch.
 */
public final class BoundedChannel {
    private static final long WAIT_MS = 100;

    /**
     * A batch with its size in bytes, computed once by the producer; or, in a resumable run, the end-of-split
     * marker ({@code splitEnd} set, no records) that travels behind a split's last records to the writer stage.
     */
    public record Batch(List<Row> records, long bytes, SplitEnd splitEnd) {
        public Batch(List<Row> records, long bytes) {
            this(records, bytes, null);
        }

        static Batch endOf(SplitEnd end) {
            return new Batch(List.of(), 0, end);
        }
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
    private boolean aborted;

    public BoundedChannel(int maxRecords, long maxBytes, JobControl control) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.control = control;
    }

    /** Blocks while full; throws {@link JobStoppedException} when the job stops (the batch goes with the job). */
    public void put(Batch batch) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                checkNotStopped();
                if (queue.isEmpty() || (records + batch.records().size() <= maxRecords && bytes + batch.bytes() <= maxBytes)) {
                    break;
                }
                notFull.await(WAIT_MS, TimeUnit.MILLISECONDS); // bounded: a stop in another stream is seen too
            }
            queue.addLast(batch);
            records += batch.records().size();
            bytes += batch.bytes();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next batch, or null at the end of input ({@link #close()} and drained). Throws
     * {@link JobStoppedException} when the channel was aborted or the job stopped: never null for a failure.
     */
    public Batch take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                checkNotStopped();
                Batch b = queue.pollFirst();
                if (b != null) {
                    records -= b.records().size();
                    bytes -= b.bytes();
                    notFull.signal();
                    return b;
                }
                if (closed) {
                    return null;
                }
                notEmpty.await(WAIT_MS, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkNotStopped() {
        if (aborted || control.stopRequested()) {
            throw new JobStoppedException();
        }
    }

    /** The end of input: the producer finished normally and puts nothing more. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The job stopped: wake both sides; they throw {@link JobStoppedException}. Call after recording the cause. */
    public void abort() {
        lock.lock();
        try {
            aborted = true;
            queue.clear();
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
