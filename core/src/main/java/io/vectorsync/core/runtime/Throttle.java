package io.vectorsync.core.runtime;

import com.google.common.util.concurrent.RateLimiter;
import java.util.concurrent.TimeUnit;

/**
 * {@code speed.mbps} and {@code speed.record} for the whole job, shared by all streams. Readers acquire per
 * batch, so the limit holds on average over a second or so.
 *
 * <p>{@link RateLimiter#acquire} sleeps uninterruptibly, for minutes at a low rate; so permits are taken with
 * {@link RateLimiter#tryAcquire(int, long, TimeUnit) tryAcquire} in short, interruptible steps that end when the
 * job stops.
 */
public final class Throttle {
    private static final long STEP_MS = 100;

    private final RateLimiter bytes;
    private final RateLimiter records;

    private Throttle(RateLimiter bytes, RateLimiter records) {
        this.bytes = bytes;
        this.records = records;
    }

    /** @param mbps MB/s (0 = none); @param recordsPerSecond (0 = none) */
    public static Throttle of(double mbps, long recordsPerSecond) {
        return new Throttle(mbps > 0 ? RateLimiter.create(mbps * 1024 * 1024) : null,
                recordsPerSecond > 0 ? RateLimiter.create(recordsPerSecond) : null);
    }

    public boolean isActive() {
        return bytes != null || records != null;
    }

    /**
     * Waits until the batch may pass. Throws {@link JobStoppedException} as soon as {@code control} says the job
     * stopped, and InterruptedException when the thread is interrupted (the job's stop interrupts it).
     */
    public void acquire(int recordCount, long byteCount, JobControl control) throws InterruptedException {
        if (records != null && recordCount > 0) {
            acquire(records, recordCount, control);
        }
        if (bytes != null && byteCount > 0) {
            acquire(bytes, (int) Math.min(Integer.MAX_VALUE, byteCount), control);
        }
    }

    private static void acquire(RateLimiter limiter, int permits, JobControl control) throws InterruptedException {
        while (true) {
            if (control.stopRequested()) {
                throw new JobStoppedException();
            }
            // succeeds, after at most STEP_MS, once the permits are due within STEP_MS; else returns at once
            if (limiter.tryAcquire(permits, STEP_MS, TimeUnit.MILLISECONDS)) {
                return;
            }
            Thread.sleep(STEP_MS);
        }
    }
}
