package io.vectorsync.transformer.embedding;

import com.google.common.hash.Hashing;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request and token budget of one model endpoint and API key in one run of a job, shared by every stream and
 * every step of that run that calls it (a provider's quota is per key, not per stream). Obtain one with
 * {@link #acquire} and give it back with {@link #release}: the registry holds a limiter only while a step of its
 * run uses it, so nothing outlives the run and two runs in one JVM (the console, tests) never pace each other.
 *
 * <p><b>Evenly spaced, never bursting.</b> Each request gets the next free slot of a schedule: requests are
 * {@code 1 / rate} apart, and a request of {@code t} tokens moves the token schedule {@code t / tokensPerSecond}
 * on. An idle limiter stores no permits (unlike Guava's {@code RateLimiter}, which keeps up to a second of them and
 * then bursts), so a service counting requests in a sliding window never sees more than the quota. Configured
 * rates are applied with {@value #HEADROOM} headroom, which absorbs scheduling and network jitter.
 *
 * <p><b>Adaptive.</b> With a configured rate, a throttling reply lowers the rate by 5 % and it grows back by 10 % a
 * calm second. With none, on a
 * throttling reply the rate drops to 90 % of the current rate (when unlimited so far: of
 * the calls that succeeded in the last second), a gentle decrease made once for all calls sent before it or within a second after it (a sliding window
 * still holds the calls that decrease answered). Every
 * calm second it grows again: by 10 % up to 95 % of the rate last throttled (quick recovery), then by 2 % (5 %
 * after ten calm seconds) to probe whether the service allows more, never above the configured rate; when none was
 * configured, it becomes unlimited again after a calm minute. A
 * {@code Retry-After} delays the throttled call (see {@link RetryPolicy}) and pauses the schedule by at most one
 * slot, so other streams keep the service busy at the lowered rate instead of freezing.
 */
final class EndpointRateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointRateLimiter.class);
    /** The limiters of the runs going on, each removed when the last step of its run releases it. */
    private static final Map<Key, EndpointRateLimiter> REGISTRY = new ConcurrentHashMap<>();
    static final double HEADROOM = 0.97;
    private static final double MIN_RATE = 0.2;
    private static final double DECREASE = 0.9;
    /** Quick recovery up to this share of the rate last throttled, then gentle probing. */
    private static final double NEAR = 0.95;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private record Key(String runId, String provider, String endpoint, String apiKeyHash) {
    }

    private final Key key;
    private final LongSupplier clock;
    private final double ceiling; // configured requests/s (after headroom), or +inf
    private final double tokenNanosPerToken; // 0 = unlimited
    private final double configuredRps;
    private final long configuredRpm;
    private final long configuredTpm;
    private double rate; // current requests/s, +inf = unlimited
    private long nextRequestSlot;
    private long nextTokenSlot;
    private double throttledAt = Double.POSITIVE_INFINITY;
    private long lastDecrease;
    private long lastChange;
    private long calmSince;
    private final ArrayDeque<Long> successes = new ArrayDeque<>();
    private int references;

    EndpointRateLimiter(Key key, double requestsPerSecond, long requestsPerMinute, long tokensPerMinute,
                        LongSupplier clock) {
        this.key = key;
        this.clock = clock;
        this.configuredRps = requestsPerSecond;
        this.configuredRpm = requestsPerMinute;
        this.configuredTpm = tokensPerMinute;
        double limit = Double.POSITIVE_INFINITY;
        if (requestsPerSecond > 0) {
            limit = requestsPerSecond;
        }
        if (requestsPerMinute > 0) {
            limit = Math.min(limit, requestsPerMinute / 60.0); // evenly spaced, so a minute window holds too
        }
        this.ceiling = Double.isInfinite(limit) ? limit : limit * HEADROOM;
        this.tokenNanosPerToken = tokensPerMinute > 0 ? 60.0 * SECOND / (tokensPerMinute * HEADROOM) : 0;
        this.rate = ceiling;
        long now = clock.getAsLong();
        this.nextRequestSlot = now;
        this.nextTokenSlot = now;
        this.lastChange = now;
        this.calmSince = now;
        this.lastDecrease = now - 10 * SECOND;
    }

    /**
     * The limiter of (run, provider, endpoint, API key), created with these rates if it does not exist yet (a later
     * step with other rates shares the first one's and gets a warning). {@code runId} is the context's
     * {@code runId()}; null (a core that does not say) shares with every other caller that gives null.
     */
    static EndpointRateLimiter acquire(String runId, String provider, String endpoint, Secret apiKey,
                                       double requestsPerSecond, long requestsPerMinute, long tokensPerMinute) {
        String hash = apiKey == null ? "" : Hashing.sha256().hashString(apiKey.reveal(), StandardCharsets.UTF_8).toString();
        Key key = new Key(runId == null ? "" : runId, Objects.requireNonNull(provider, "provider is null"),
                endpoint == null ? "" : endpoint, hash);
        return REGISTRY.compute(key, (k, existing) -> {
            EndpointRateLimiter l = existing != null ? existing
                    : new EndpointRateLimiter(k, requestsPerSecond, requestsPerMinute, tokensPerMinute, System::nanoTime);
            if (existing != null && (l.configuredRps != requestsPerSecond || l.configuredRpm != requestsPerMinute
                    || l.configuredTpm != tokensPerMinute)) {
                LOG.warn("model {} at {} is already rate limited at {} requests/s, {} requests/min and {} tokens/min "
                        + "by another step; using those", provider,
                        k.endpoint().isEmpty() ? "its default endpoint" : k.endpoint(),
                        l.configuredRps, l.configuredRpm, l.configuredTpm);
            }
            l.references++;
            return l;
        });
    }

    /** A limiter of its own (tests, estimates): not shared, driven by {@code clock} (nanoseconds). */
    static EndpointRateLimiter unshared(double requestsPerSecond, long requestsPerMinute, long tokensPerMinute,
                                       LongSupplier clock) {
        return new EndpointRateLimiter(new Key("", "test", "", ""), requestsPerSecond, requestsPerMinute, tokensPerMinute,
                clock);
    }

    /** Gives the limiter back; the last user removes it from the registry. */
    void release() {
        REGISTRY.computeIfPresent(key, (k, l) -> --l.references <= 0 ? null : l);
    }

    /**
     * Reserves the next slot for a request of about {@code estimatedTokens} tokens: the time (clock nanos) it
     * may be sent, never earlier than now. Does not wait.
     */
    synchronized long reserve(int estimatedTokens) {
        long now = clock.getAsLong();
        long slot = Math.max(now, Math.max(nextRequestSlot, nextTokenSlot));
        if (!Double.isInfinite(rate)) {
            nextRequestSlot = slot + (long) (SECOND / rate);
        }
        if (tokenNanosPerToken > 0 && estimatedTokens > 0) {
            nextTokenSlot = slot + (long) (estimatedTokens * tokenNanosPerToken);
        }
        return slot;
    }

    /**
     * Blocks until one request of about {@code estimatedTokens} tokens may be sent; returns the send time (for
     * {@link #onThrottled}). Wakes at least every 100 ms to honour {@code stopRequested}.
     */
    long acquirePermit(int estimatedTokens, BooleanSupplier stopRequested, String stepName)
            throws InterruptedException {
        long slot = reserve(estimatedTokens);
        long wait;
        while ((wait = slot - clock.getAsLong()) > 0) {
            if (stopRequested.getAsBoolean()) {
                throw new PluginException(CommonErrorCode.CANCELLED, stepName + ": stopped while waiting for the "
                        + "model's rate limit");
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, MAX_SLEEP_NANOS));
        }
        return slot;
    }

    /** The service throttled a call sent at {@code sentAt}: slow down (once per wave of throttled calls). */
    synchronized void onThrottled(Optional<Duration> retryAfter, long sentAt) {
        long now = clock.getAsLong();
        calmSince = now;
        if (sentAt < lastDecrease + SECOND) {
            // sent before the last decrease, or so soon after it that the service's window still held the
            // calls that decrease answered (a sliding window remembers a second)
            return;
        }
        lastDecrease = now;
        lastChange = now;
        dropOld(now);
        // unlimited so far: the calls that succeeded in the last second are what the service allows
        // (replies still in flight are not counted, so that is a low estimate: recover quickly from it)
        if (Double.isInfinite(rate)) {
            rate = Math.max(MIN_RATE, DECREASE * Math.max(1, successes.size()));
        } else if (!Double.isInfinite(ceiling)) {
            // a configured quota: a 429 is mostly jitter at the edge of the window; step back a little, come back
            // quickly (a lower real quota takes a few steps: the successes of a starved client are no measure)
            rate = Math.max(MIN_RATE, NEAR * rate);
        } else {
            // far above the quota, the calls that got through say where it is; just above, 90 % of the rate
            throttledAt = rate;
            // (but never below half the rate: a client starved of CPU sees fewer successes than the service allows)
            rate = Math.max(MIN_RATE, Math.max(rate / 2,
                    Math.min(DECREASE * rate, NEAR * Math.max(1, successes.size()))));
        }
        // the service wants a pause: give it one slot at the new rate (or its Retry-After, if shorter)
        long slot = (long) (SECOND / rate);
        long pause = retryAfter.map(d -> Math.min(d.toNanos(), slot)).orElse(slot);
        nextRequestSlot = Math.max(nextRequestSlot, now + pause);
        LOG.debug("model {}: throttled, request rate now {}/s", key.provider(), rate);
    }

    /** A call succeeded: count it, and speed up again after a calm second. */
    synchronized void onSuccess() {
        long now = clock.getAsLong();
        successes.addLast(now);
        dropOld(now);
        if (rate >= ceiling || now - lastChange < SECOND) {
            return;
        }
        // one step per calm second elapsed, however rarely successes are reported (a busy client reports late)
        long steps = Math.min(10, (now - lastChange) / SECOND);
        lastChange += steps * SECOND;
        long calm = now - calmSince;
        for (long i = 0; i < steps && rate < ceiling; i++) {
            if (Double.isInfinite(ceiling) && calm >= 60 * SECOND) {
                rate = ceiling; // a calm minute: the service's limit has gone up, stop limiting
            } else if (rate < NEAR * throttledAt) {
                rate = Math.min(NEAR * throttledAt, rate * 1.10); // quick recovery up to near the last throttled rate
            } else {
                rate *= calm >= 10 * SECOND ? 1.05 : 1.02; // then probe gently (faster once calm for long)
            }
        }
        rate = Math.min(ceiling, rate);
        LOG.debug("model {}: request rate now {}/s", key.provider(), rate);
    }

    private void dropOld(long now) {
        while (!successes.isEmpty() && now - successes.peekFirst() > SECOND) {
            successes.pollFirst();
        }
    }

    /** The current request rate limit (requests/s), infinite when unlimited. For tests and logs. */
    synchronized double currentRate() {
        return rate;
    }
}
