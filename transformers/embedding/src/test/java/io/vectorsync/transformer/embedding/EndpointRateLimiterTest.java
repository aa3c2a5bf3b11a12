package io.vectorsync.transformer.embedding;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import io.vectorsync.api.error.PluginException;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.config.Secret;
import io.vectorsync.testkit.TestPluginContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared, adaptive limiter of one endpoint and key. */
class EndpointRateLimiterTest {

    private static final long MS = 1_000_000L;

    @Test
    void sharedPerProviderEndpointAndKeyWithinARun() {
        TestPluginContext run = new TestPluginContext("embed");
        EndpointRateLimiter a = EndpointRateLimiter.ofRun(run, "p", "http://e", Secret.of("k1"), 10, 0, 0);
        EndpointRateLimiter b = EndpointRateLimiter.ofRun(run, "p", "http://e", Secret.of("k1"), 10, 0, 0);
        assertSame(a, b, "every step and stream of a run shares the key's quota");
        assertNotSame(a, EndpointRateLimiter.ofRun(run, "p", "http://e", Secret.of("k2"), 10, 0, 0));
        assertNotSame(a, EndpointRateLimiter.ofRun(run, "p", "http://other", Secret.of("k1"), 10, 0, 0));
        assertNotSame(a, EndpointRateLimiter.ofRun(run, "q", "http://e", Secret.of("k1"), 10, 0, 0));
    }

    @Test
    void anotherRunOfTheSameKeyGetsItsOwnLimiter() {
        EndpointRateLimiter first = EndpointRateLimiter.ofRun(new TestPluginContext("embed"), "p", "http://e",
                Secret.of("k"), 10, 0, 0);
        EndpointRateLimiter second = EndpointRateLimiter.ofRun(new TestPluginContext("embed"), "p", "http://e",
                Secret.of("k"), 10, 0, 0);
        assertNotSame(first, second, "two runs in one JVM must not pace each other");
    }

    @Test
    void requestsAreEvenlySpacedWithNoBurstAfterIdling() {
        AtomicLong clock = new AtomicLong(0);
        EndpointRateLimiter l = EndpointRateLimiter.unshared(20, 0, 0, clock::get);
        long interval = (long) (1000 * MS / (20 * EndpointRateLimiter.HEADROOM));
        long previous = l.reserve(1);
        for (int i = 0; i < 30; i++) {
            long slot = l.reserve(1);
            assertEquals(interval, slot - previous, 1, "slot " + i);
            previous = slot;
        }
        clock.set(previous + 10_000 * MS); // idle for ten seconds: nothing is stored up
        long first = l.reserve(1);
        assertEquals(clock.get(), first);
        assertEquals(first + interval, l.reserve(1), 1, "no burst after idling");
    }

    @Test
    void anyOneSecondWindowHoldsAtMostTheQuota() {
        AtomicLong clock = new AtomicLong(0);
        EndpointRateLimiter l = EndpointRateLimiter.unshared(20, 600, 0, clock::get); // 600/min = 10/s wins
        long[] slots = new long[200];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = l.reserve(1);
        }
        for (int i = 0; i + 10 < slots.length; i++) {
            assertTrue(slots[i + 10] - slots[i] >= 1000 * MS, "11 requests within a second at " + i);
        }
    }

    @Test
    void tokensPerMinuteSpacesRequestsByTheirTokens() {
        AtomicLong clock = new AtomicLong(0);
        EndpointRateLimiter l = EndpointRateLimiter.unshared(0, 0, 60_000, clock::get); // 1,000 tokens/s
        long a = l.reserve(500);
        long b = l.reserve(100);
        long c = l.reserve(100);
        assertEquals(500 * MS / EndpointRateLimiter.HEADROOM, b - a, 2 * MS, "500 tokens take half a second");
        assertEquals(100 * MS / EndpointRateLimiter.HEADROOM, c - b, 2 * MS);
    }

    @Test
    void adaptiveRunsJustUnderWhatGotThroughAndPausesOnlyUntilTheWindowHasRoom() {
        AtomicLong clock = new AtomicLong(0);
        EndpointRateLimiter l = EndpointRateLimiter.unshared(0, 0, 0, clock::get);
        assertTrue(Double.isInfinite(l.currentRate()), "adaptive starts unlimited");
        long[] sent = sendEvery(l, clock, 0, 10, 20); // 20 calls at 0..190 ms, all accepted
        long[] over = sendEvery(l, clock, 200, 5, 4); // then 4 more: the service's window is full
        for (long s : sent) {
            clock.set(s + 50 * MS);
        }
        clock.set(216 * MS);
        l.onThrottled(Optional.empty(), over[0]);
        assertEquals(19.0, l.currentRate(), 1e-9, "95 % of the 20 calls the service took in the second before");
        for (int i = 1; i < over.length; i++) {
            l.onThrottled(Optional.empty(), over[i]);
        }
        assertEquals(19.0, l.currentRate(), 1e-9, "the rest of the wave does not lower it again");
        assertEquals(sent[0] + 1000 * MS, l.reserve(1), "paused until the oldest accepted call leaves the window");
    }

    @Test
    void throttlesAtTheQuotaDoNotRatchetTheRateDown() {
        AtomicLong clock = new AtomicLong(0);
        EndpointRateLimiter l = EndpointRateLimiter.unshared(0, 0, 0, clock::get);
        long t = 0;
        for (int wave = 0; wave < 5; wave++) {
            // 20 calls in a second get through, the 21st is throttled: the quota is 20 every time
            long[] sent = sendEvery(l, clock, t, 48, 20);
            for (long s : sent) {
                clock.set(s + 1);
                l.onSuccess(s);
            }
            long probe = sendEvery(l, clock, t + 20 * 48, 1, 1)[0];
            clock.set(probe + MS);
            l.onThrottled(Optional.empty(), probe);
            clock.set(probe + 500 * MS); // replies settled
            l.reserve(1);
            assertEquals(19.0, l.currentRate(), 1e-9, "wave " + wave);
            t = probe / MS + 2000;
        }
    }

    @Test
    void aQuotaLookingHigherWhileRepliesAreInFlightIsCorrectedOnceTheyAreIn() {
        ThrottledAtTwentyOne t = new ThrottledAtTwentyOne(); // the reply of the 21st call comes first ...
        assertEquals(19.0, t.limiter.currentRate(), 1e-9, "20 calls before it not known to be throttled");
        t.limiter.onThrottled(Optional.empty(), t.sent[19]); // ... then those of two calls sent just before it
        t.limiter.onThrottled(Optional.empty(), t.sent[18]);
        assertEquals(0.95 * 18, t.settledAt(800), 1e-9, "the service took 18");
    }

    @Test
    void probesAfterCalmSecondsAndIsUnlimitedAfterACalmMinute() {
        ThrottledAtTwentyOne t = new ThrottledAtTwentyOne();
        for (int s = 1; s < EndpointRateLimiter.PROBE_AFTER_SECONDS; s++) {
            assertEquals(19.0, t.succeedAfter(1000), 1e-9, "holds just under the quota, calm second " + s);
        }
        double probing = t.succeedAfter(1001);
        assertTrue(probing > 19.0, "probes for more after calm seconds: " + probing);
        assertTrue(t.succeedAfter(60_000) > probing);
        double calmMinute = t.succeedAfter(1000);
        assertTrue(Double.isInfinite(calmMinute), "unlimited after a calm minute: " + calmMinute);
    }

    @Test
    void aLowerCountSoonAfterIsObeyedButTheRateComesBackQuicklyToTheHigherOne() {
        ThrottledAtTwentyOne t = new ThrottledAtTwentyOne();
        assertEquals(19.0, t.settledAt(1000), 1e-9, "95 % of the 20 calls the service took");
        long[] later = sendEvery(t.limiter, t.clock, 1100, 70, 15); // the service took 14 of these in a second
        t.clock.set(2100 * MS);
        t.limiter.onThrottled(Optional.empty(), later[14]);
        assertEquals(0.95 * 14, t.settledAt(2900), 1e-9, "runs under the lower count at once");
        double rate = t.limiter.currentRate();
        for (int s = 1; s <= 4; s++) {
            double next = t.succeedAfter(1000);
            assertEquals(Math.min(19.0, rate * 1.10), next, 1e-9, "10 % a calm second, second " + s);
            rate = next;
        }
        assertEquals(19.0, rate, 1e-9, "back under the quota measured a moment before within four calm seconds");
    }

    @Test
    void aThrottleReportedSecondsLateDoesNotLowerTheRate() {
        ThrottledAtTwentyOne t = new ThrottledAtTwentyOne();
        assertEquals(19.0, t.settledAt(600), 1e-9, "95 % of the 20 calls the service took");
        sendEvery(t.limiter, t.clock, 1000, 53, 120); // six seconds at the rate, all accepted
        t.limiter.onThrottled(Optional.empty(), t.sent[19]); // the reply of a call sent six seconds ago
        assertEquals(19.0, t.limiter.currentRate(), 1e-9, "the second before it is forgotten: no measure, no change");
    }

    @Test
    void halvesWhenNothingGotThroughForASecond() {
        AtomicLong clock = new AtomicLong(0);
        EndpointRateLimiter l = EndpointRateLimiter.unshared(0, 0, 0, clock::get);
        long[] sent = sendEvery(l, clock, 0, 10, 3);
        clock.set(40 * MS);
        for (long s : sent) {
            l.onThrottled(Optional.empty(), s);
        }
        assertEquals(1.0, l.currentRate(), 1e-9, "a quota per minute, used up: halved once, not once per call");
        assertTrue(l.reserve(1) > clock.get(), "and pauses");
    }

    /** An adaptive limiter on a test clock: 21 calls sent 10 ms apart from 0 ms, the last throttled at 215 ms. */
    private static final class ThrottledAtTwentyOne {
        final AtomicLong clock = new AtomicLong(0);
        final EndpointRateLimiter limiter = EndpointRateLimiter.unshared(0, 0, 0, clock::get);
        final long[] sent = sendEvery(limiter, clock, 0, 10, 21);

        ThrottledAtTwentyOne() {
            clock.set(215 * MS);
            limiter.onThrottled(Optional.empty(), sent[20]);
        }

        /** The rate at {@code ms} after the start, once the limiter has looked at its clock. */
        double settledAt(long ms) {
            clock.set(ms * MS);
            limiter.reserve(1);
            return limiter.currentRate();
        }

        /** {@code ms} later a call sent 50 ms before succeeds; returns the rate then. */
        double succeedAfter(long ms) {
            clock.addAndGet(ms * MS);
            limiter.onSuccess(clock.get() - 50 * MS);
            return limiter.currentRate();
        }
    }

    /** Sends {@code n} calls {@code everyMs} apart from {@code fromMs}; returns their send times. */
    private static long[] sendEvery(EndpointRateLimiter l, AtomicLong clock, long fromMs, long everyMs, int n) {
        long[] sent = new long[n];
        for (int i = 0; i < n; i++) {
            clock.set((fromMs + i * everyMs) * MS);
            sent[i] = l.sent();
        }
        return sent;
    }

    @Test
    void retryAfterPausesTheScheduleByAtMostOneSlot() {
        AtomicLong clock = new AtomicLong(0);
        EndpointRateLimiter l = EndpointRateLimiter.unshared(10, 0, 0, clock::get);
        long sent = l.reserve(1);
        clock.set(100 * MS);
        l.onThrottled(Optional.of(Duration.ofSeconds(60)), sent);
        long next = l.reserve(1);
        assertTrue(next - clock.get() <= (long) (1000 * MS / l.currentRate()) + 1,
                "a long Retry-After does not freeze every stream: " + (next - clock.get()) / MS + " ms");
        assertTrue(next > clock.get());
    }

    @Test
    void waitingForASlotStopsWhenTheJobStops() {
        EndpointRateLimiter l = EndpointRateLimiter.unshared(0.2, 0, 0, System::nanoTime); // one call per 5 s
        assertDoesNotThrow(() -> l.acquirePermit(1, () -> false, "embed"));
        PluginException e = assertThrows(PluginException.class, () -> l.acquirePermit(1, () -> true, "embed"));
        assertTrue(e.getMessage().contains("stopped"), e.getMessage());
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
