package io.vectorsync.transformer.embedding;

import com.google.common.hash.Hashing;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request and token budget of one model endpoint and API key in one run of a job, shared by every stream and
 * every step of that run that calls it (a provider's quota is per key, not per stream). {@link #ofRun} keeps it in
 * the run's shared state ({@link PluginContext#runShared}): the run owns it, so nothing outlives the run and two
 * runs in one JVM (the console, tests) never pace each other.
 *
 * <p><b>Evenly spaced, never bursting.</b> Each request gets the next free slot of a schedule: requests are
 * {@code 1 / rate} apart, and a request of {@code t} tokens moves the token schedule {@code t / tokensPerSecond}
 * on. An idle limiter stores no permits (unlike Guava's {@code RateLimiter}, which keeps up to a second of them and
 * then bursts), so a service counting requests in a sliding window never sees more than the quota. Configured
 * rates are applied with {@value #HEADROOM} headroom, which absorbs scheduling and network jitter.
 *
 * <p><b>Configured rate.</b> A throttling reply lowers the rate by 5 % (once per second of throttled calls) and it
 * grows back by 10 % a calm second, never above the configured rate.
 *
 * <p><b>Adaptive (no rate configured).</b> Unlimited until the service throttles. A service that throttles a call
 * sent at {@code t} had its window full at {@code t}: the most calls it did not throttle within one second around
 * {@code t} are its quota (see {@link SendWindow}; counted once their replies are in, so calls in flight do not make
 * it look higher or lower). The limiter then runs at {@value #TARGET} of that quota and pauses the schedule only until the
 * service's window has room again (or the {@code Retry-After}, if shorter): no stream freezes longer than needed, and
 * a second throttle does not lower the rate again unless the service really allows less. After {@value
 * #PROBE_AFTER_SECONDS} calm seconds it probes, 2 % a calm second (5 % after 10), whether the service allows more;
 * after a calm minute it is unlimited again. When nothing got through in the last second (a quota per minute, or
 * other clients using it up), the rate halves.
 */
final class EndpointRateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointRateLimiter.class);
    static final double HEADROOM = 0.97;
    private static final double MIN_RATE = 0.2;
    /** A configured rate steps back this much on a throttling reply. */
    private static final double STEP_BACK = 0.95;
    /** The adaptive limiter runs at this share of the quota it saw. */
    static final double TARGET = 0.95;
    static final long PROBE_AFTER_SECONDS = 5;
    private static final long SECOND = SendWindow.SECOND;
    private static final long MIN_SETTLE = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long QUOTA_MEMORY = TimeUnit.SECONDS.toNanos(30);
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private record Key(String provider, String endpoint, String apiKeyHash) {
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
    private long lastDecrease;
    private long lastChange;
    private long calmSince;
    // adaptive mode: what was sent, the quota seen, and the throttled send whose window is to be counted
    private final SendWindow window = new SendWindow();
    private double quota = Double.NaN; // the highest quota measured lately: quick recovery goes back to it
    private long quotaMeasuredAt;
    private long evaluateSentAt = -1;
    private long evaluateAt;
    private double latencyNanos = TimeUnit.MILLISECONDS.toNanos(100);

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
     * The limiter of (provider, endpoint, API key) in the run of {@code context}, created with these rates if it
     * does not exist yet (a later step with other rates shares the first one's and gets a warning).
     */
    static EndpointRateLimiter ofRun(PluginContext context, String provider, String endpoint, Secret apiKey,
                                     double requestsPerSecond, long requestsPerMinute, long tokensPerMinute) {
        String hash = apiKey == null ? "" : Hashing.sha256().hashString(apiKey.reveal(), StandardCharsets.UTF_8).toString();
        Key key = new Key(Objects.requireNonNull(provider, "provider is null"), endpoint == null ? "" : endpoint, hash);
        EndpointRateLimiter l = context.runShared(key, EndpointRateLimiter.class, () -> new EndpointRateLimiter(key,
                requestsPerSecond, requestsPerMinute, tokensPerMinute, System::nanoTime));
        if (l.configuredRps != requestsPerSecond || l.configuredRpm != requestsPerMinute
                || l.configuredTpm != tokensPerMinute) {
            LOG.warn("model {} at {} is already rate limited at {} requests/s, {} requests/min and {} tokens/min "
                    + "by another step; using those", provider,
                    key.endpoint().isEmpty() ? "its default endpoint" : key.endpoint(),
                    l.configuredRps, l.configuredRpm, l.configuredTpm);
        }
        return l;
    }

    /** A limiter of its own (tests, estimates): not shared, driven by {@code clock} (nanoseconds). */
    static EndpointRateLimiter unshared(double requestsPerSecond, long requestsPerMinute, long tokensPerMinute,
                                       LongSupplier clock) {
        return new EndpointRateLimiter(new Key("test", "", ""), requestsPerSecond, requestsPerMinute, tokensPerMinute,
                clock);
    }

    /**
     * Reserves the next slot for a request of about {@code estimatedTokens} tokens: the time (clock nanos) it
     * may be sent, never earlier than now. Does not wait.
     */
    synchronized long reserve(int estimatedTokens) {
        long now = clock.getAsLong();
        evaluateIfSettled(now);
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
        return sent();
    }

    /** Records that a request leaves now (the adaptive mode counts them); returns the time. */
    synchronized long sent() {
        long now = clock.getAsLong();
        if (adaptive()) {
            window.sent(now);
        }
        return now;
    }

    /** The service throttled a call sent at {@code sentAt} (a time {@link #acquirePermit} returned): slow down. */
    synchronized void onThrottled(Optional<Duration> retryAfter, long sentAt) {
        long now = clock.getAsLong();
        calmSince = now;
        if (!adaptive()) {
            if (sentAt < lastDecrease + SECOND) {
                // sent before the last decrease, or so soon after it that the service's window still held the
                // calls that decrease answered (a sliding window remembers a second)
                return;
            }
            lastDecrease = now;
            lastChange = now;
            // a configured quota: a 429 is mostly jitter at the edge of the window; step back a little, come back
            // quickly (a lower real quota takes a few steps)
            rate = Math.max(MIN_RATE, STEP_BACK * rate);
            pause(now, retryAfter, now + (long) (SECOND / rate));
            LOG.debug("model {}: throttled, request rate now {}/s", key.provider(), rate);
            return;
        }
        window.throttled(sentAt);
        if (!window.covers(sentAt)) {
            return; // reported too late to tell what the service allowed then
        }
        lastChange = now;
        evaluateIfSettled(now);
        int accepted = window.acceptedBefore(sentAt);
        long room;
        if (accepted > 0) {
            // at most what got through (replies still in flight may yet prove lower); counted for good once settled
            rate = Math.min(rate, Math.max(MIN_RATE, TARGET * accepted));
            if (evaluateSentAt < 0) {
                evaluateSentAt = sentAt;
                // counted once the calls of the half second after it are back too (see evaluateIfSettled)
                evaluateAt = sentAt + SECOND / 2 + Math.min(SECOND, (long) (2 * latencyNanos) + MIN_SETTLE);
            }
            room = window.roomAfter(sentAt);
        } else {
            // nothing got through for a second: the quota is not per second, or others use it up (halve once per
            // second of such throttles, not once per call)
            if (sentAt >= lastDecrease + SECOND) {
                rate = Double.isInfinite(rate) ? 1 : Math.max(MIN_RATE, rate / 2);
                lastDecrease = now;
            }
            room = now + (long) (SECOND / rate);
        }
        pause(now, retryAfter, room);
        LOG.debug("model {}: throttled, request rate now {}/s", key.provider(), rate);
    }

    /** No request before {@code until}, or before the service's Retry-After if that is sooner. */
    private void pause(long now, Optional<Duration> retryAfter, long until) {
        long end = retryAfter.map(d -> Math.min(until, now + d.toNanos())).orElse(until);
        nextRequestSlot = Math.max(nextRequestSlot, end);
    }

    /** Once the replies of the calls before a throttled one are in, their count is the quota: run just under it. */
    private void evaluateIfSettled(long now) {
        if (evaluateSentAt < 0 || now < evaluateAt) {
            return;
        }
        // up to half a second after the throttled call, as long as the replies of those calls are in
        long until = Math.min(evaluateSentAt + SECOND / 2, now - (long) (2 * latencyNanos));
        int accepted = window.mostAcceptedInASecond(evaluateSentAt, Math.max(evaluateSentAt, until));
        evaluateSentAt = -1;
        if (accepted > 0) {
            // a lower count than before may be real (another client now shares the key) or a client's cold start
            // (its first calls reach the service late, so the service's window frees later than the client thinks):
            // run under the lower count now, but recover quickly to the higher one until it is half a minute old
            if (Double.isNaN(quota) || accepted >= quota || now - quotaMeasuredAt > QUOTA_MEMORY) {
                quota = accepted;
                quotaMeasuredAt = now;
            }
            rate = Math.max(MIN_RATE, TARGET * accepted);
            LOG.debug("model {}: the service allowed {} requests in a second; rate now {}/s", key.provider(), accepted, rate);
        }
    }

    /** A call sent at {@code sentAt} succeeded: speed up again after calm seconds. */
    synchronized void onSuccess(long sentAt) {
        long now = clock.getAsLong();
        latencyNanos = 0.8 * latencyNanos + 0.2 * Math.max(0, now - sentAt);
        evaluateIfSettled(now);
        if (rate >= ceiling || now - lastChange < SECOND) {
            return;
        }
        // one step per calm second elapsed, however rarely successes are reported (a busy client reports late)
        long steps = Math.min(10, (now - lastChange) / SECOND);
        lastChange += steps * SECOND;
        long calm = now - calmSince;
        for (long i = 0; i < steps && rate < ceiling; i++) {
            if (!adaptive()) {
                rate *= 1.10;
            } else if (calm >= 60 * SECOND) {
                rate = ceiling; // a calm minute: the service's limit has gone up, stop limiting
            } else if (!Double.isNaN(quota) && rate < TARGET * quota) {
                rate = Math.min(TARGET * quota, rate * 1.10); // back to just under the quota seen
            } else if (calm >= PROBE_AFTER_SECONDS * SECOND) {
                rate *= calm >= 10 * SECOND ? 1.05 : 1.02; // does the service allow more now?
            } else if (Double.isNaN(quota)) {
                rate *= 1.10; // no quota seen (nothing got through): recover quickly
            }
        }
        rate = Math.min(ceiling, rate);
        LOG.debug("model {}: request rate now {}/s", key.provider(), rate);
    }

    private boolean adaptive() {
        return Double.isInfinite(ceiling);
    }

    /** The current request rate limit (requests/s), infinite when unlimited. For tests and logs. */
    synchronized double currentRate() {
        return rate;
    }
}
