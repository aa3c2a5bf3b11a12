package io.vectorsync.transformer.embedding;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1-based) wait a random time between 0 and
 * {@code min(maxBackoff, initialBackoff * 2^(n-1))}, but at least the service's {@code Retry-After}.
 */
final class RetryPolicy {
    private final int maxRetries;
    private final long initialBackoffMs;
    private final long maxBackoffMs;

    RetryPolicy(int maxRetries, long initialBackoffMs, long maxBackoffMs) {
        if (maxRetries < 0 || initialBackoffMs <= 0 || maxBackoffMs <= 0) {
            throw new IllegalArgumentException("bad retry settings");
        }
        this.maxRetries = maxRetries;
        this.initialBackoffMs = initialBackoffMs;
        this.maxBackoffMs = maxBackoffMs;
    }

    int maxRetries() {
        return maxRetries;
    }

    /** Whether a call that failed on attempt {@code attempt} (1 = first call) may be tried again. */
    boolean canRetry(int attempt) {
        return attempt <= maxRetries;
    }

    /** How long to wait before retry number {@code retry} (1-based). */
    long delayMillis(int retry, Optional<Duration> retryAfter) {
        int shift = Math.min(30, Math.max(0, retry - 1));
        long cap = initialBackoffMs > (maxBackoffMs >> shift) ? maxBackoffMs : initialBackoffMs << shift;
        long jittered = ThreadLocalRandom.current().nextLong(cap + 1);
        long floor = retryAfter.map(Duration::toMillis).orElse(0L);
        return Math.max(jittered, floor);
    }
}
