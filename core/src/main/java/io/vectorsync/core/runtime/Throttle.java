package io.vectorsync.core.runtime;

import com.google.common.util.concurrent.RateLimiter;

/**
 * {@code speed.mbps} and {@code speed.record} for the whole job, shared by all streams. Readers acquire per
 * batch, so the limit holds on average over a second or so.
 */
public final class Throttle {
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

    public void acquire(int recordCount, long byteCount) {
        if (records != null && recordCount > 0) {
            records.acquire(recordCount);
        }
        if (bytes != null && byteCount > 0) {
            bytes.acquire((int) Math.min(Integer.MAX_VALUE, byteCount));
        }
    }
}
