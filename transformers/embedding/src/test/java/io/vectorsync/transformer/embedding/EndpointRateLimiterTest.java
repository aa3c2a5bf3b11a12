package io.vectorsync.transformer.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.config.Secret;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared, adaptive limiter of one endpoint and key. */
class EndpointRateLimiterTest {

    @Test
    void sharedPerProviderEndpointAndKeyAndReleasedByTheLastUser() {
        EndpointRateLimiter a = EndpointRateLimiter.acquire("p", "http://e", Secret.of("k1"), 10, 0);
        EndpointRateLimiter b = EndpointRateLimiter.acquire("p", "http://e", Secret.of("k1"), 10, 0);
        EndpointRateLimiter other = EndpointRateLimiter.acquire("p", "http://e", Secret.of("k2"), 10, 0);
        assertSame(a, b);
        assertNotSame(a, other);
        a.release();
        assertSame(b, EndpointRateLimiter.acquire("p", "http://e", Secret.of("k1"), 10, 0));
        b.release();
        b.release();
        other.release();
        assertNotSame(a, EndpointRateLimiter.acquire("p", "http://e", Secret.of("k1"), 10, 0));
    }

    @Test
    void halvesOnThrottlingAndRecovers() throws Exception {
        EndpointRateLimiter l = EndpointRateLimiter.acquire("aimd", "", Secret.of("aimd-key"), 10, 0);
        try {
            assertEquals(10.0, l.currentRate());
            l.onThrottled(Optional.empty());
            assertEquals(5.0, l.currentRate());
            l.onThrottled(Optional.empty());
            assertEquals(5.0, l.currentRate(), "a burst of 429s halves once per second");
            TimeUnit.MILLISECONDS.sleep(1050);
            l.onSuccess();
            assertEquals(6.0, l.currentRate(), 1e-9, "additive increase by a tenth of the configured rate");
        } finally {
            l.release();
        }
    }

    @Test
    void unlimitedBecomesLimitedAfterThrottling() throws Exception {
        EndpointRateLimiter l = EndpointRateLimiter.acquire("aimd2", "", null, 0, 0);
        try {
            for (int i = 0; i < 8; i++) {
                l.acquirePermit(1);
            }
            l.onThrottled(Optional.empty());
            assertEquals(4.0, l.currentRate(), "half the rate observed in the last second");
        } finally {
            l.release();
        }
    }

    @Test
    void retryAfterPausesEveryCaller() throws Exception {
        EndpointRateLimiter l = EndpointRateLimiter.acquire("pause", "", Secret.of("x"), 0, 0);
        try {
            l.onThrottled(Optional.of(Duration.ofMillis(200)));
            long start = System.nanoTime();
            l.acquirePermit(1);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 190);
        } finally {
            l.release();
        }
    }

    @Test
    void backoffHasFullJitterAndHonoursRetryAfter() {
        RetryPolicy p = new RetryPolicy(5, 100, 1000);
        for (int i = 0; i < 200; i++) {
            long d1 = p.delayMillis(1, Optional.empty());
            long d4 = p.delayMillis(4, Optional.empty());
            long d9 = p.delayMillis(9, Optional.empty());
            assertTrue(d1 >= 0 && d1 <= 100, "retry 1: " + d1);
            assertTrue(d4 >= 0 && d4 <= 800, "retry 4: " + d4);
            assertTrue(d9 >= 0 && d9 <= 1000, "capped: " + d9);
            assertTrue(p.delayMillis(1, Optional.of(Duration.ofMillis(5000))) >= 5000);
        }
        assertTrue(p.canRetry(5));
        assertTrue(!p.canRetry(6));
    }
}
