package io.vectorsync.transformer.embedding;

import com.google.common.hash.Hashing;
import com.google.common.util.concurrent.RateLimiter;
import io.vectorsync.api.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request and token budget of one model endpoint and API key, shared by every stream and every step of the
 * JVM that calls it (a provider's quota is per key, not per stream). Obtain one with {@link #acquire} and give
 * it back with {@link #release}.
 *
 * <p>Adaptive (AIMD): on a throttling reply the request rate is halved (at most once a second; when no rate was
 * configured, it starts from half the rate observed in the last second) and all callers pause for the service's
 * {@code Retry-After}; after each second of successful calls it grows again by a tenth of the configured rate
 * until it is back at the configured rate (or, when none was configured, at twice the rate that was throttled,
 * where it becomes unlimited again).
 */
final class EndpointRateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointRateLimiter.class);
    private static final Map<Key, EndpointRateLimiter> REGISTRY = new ConcurrentHashMap<>();
    private static final double MIN_RATE = 0.2;
    private static final long ADJUST_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Key(String provider, String endpoint, String apiKeyHash) {
    }

    private final Key key;
    private final double ceiling; // configured requests/s, or +inf
    private final RateLimiter tokens; // null = unlimited
    private volatile RateLimiter requests; // null = unlimited right now
    private double currentRate;
    private double throttledAt;
    private long lastAdjustNanos;
    private volatile long pauseUntilNanos;
    private long windowStartNanos;
    private long windowCount;
    private long lastWindowCount;
    private int references;

    private EndpointRateLimiter(Key key, double requestsPerSecond, long tokensPerMinute) {
        this.key = key;
        this.ceiling = requestsPerSecond > 0 ? requestsPerSecond : Double.POSITIVE_INFINITY;
        this.currentRate = ceiling;
        this.requests = requestsPerSecond > 0 ? RateLimiter.create(requestsPerSecond) : null;
        this.tokens = tokensPerMinute > 0 ? RateLimiter.create(tokensPerMinute / 60.0) : null;
        long now = System.nanoTime();
        this.lastAdjustNanos = now - ADJUST_INTERVAL_NANOS;
        this.windowStartNanos = now;
    }

    /**
     * The limiter of (provider, endpoint, API key), created with these rates if it does not exist yet (a later
     * step with other rates shares the first one's and gets a warning).
     */
    static EndpointRateLimiter acquire(String provider, String endpoint, Secret apiKey, double requestsPerSecond,
                                       long tokensPerMinute) {
        String hash = apiKey == null ? "" : Hashing.sha256().hashString(apiKey.reveal(), StandardCharsets.UTF_8).toString();
        Key key = new Key(Objects.requireNonNull(provider, "provider is null"), endpoint == null ? "" : endpoint, hash);
        return REGISTRY.compute(key, (k, existing) -> {
            EndpointRateLimiter l = existing != null ? existing : new EndpointRateLimiter(k, requestsPerSecond, tokensPerMinute);
            if (existing != null && (l.configuredRequests() != requestsPerSecond || l.configuredTokens() != tokensPerMinute)) {
                LOG.warn("model {} at {} is already rate limited at {} requests/s and {} tokens/min by another step; "
                        + "using those", provider, k.endpoint().isEmpty() ? "its default endpoint" : k.endpoint(),
                        l.configuredRequests(), l.configuredTokens());
            }
            l.references++;
            return l;
        });
    }

    /** Gives the limiter back; the last user removes it from the registry. */
    void release() {
        REGISTRY.computeIfPresent(key, (k, l) -> --l.references <= 0 ? null : l);
    }

    private double configuredRequests() {
        return Double.isInfinite(ceiling) ? 0 : ceiling;
    }

    private long configuredTokens() {
        return tokens == null ? 0 : Math.round(tokens.getRate() * 60);
    }

    /** Blocks until one request of about {@code estimatedTokens} tokens may be sent. */
    void acquirePermit(int estimatedTokens) throws InterruptedException {
        long wait;
        while ((wait = pauseUntilNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        RateLimiter r = requests;
        if (r != null) {
            r.acquire();
        }
        if (tokens != null && estimatedTokens > 0) {
            tokens.acquire(estimatedTokens);
        }
        countRequest();
    }

    private synchronized void countRequest() {
        long now = System.nanoTime();
        long elapsed = now - windowStartNanos;
        if (elapsed >= ADJUST_INTERVAL_NANOS) {
            lastWindowCount = elapsed >= 2 * ADJUST_INTERVAL_NANOS ? 0 : windowCount;
            windowStartNanos = now;
            windowCount = 0;
        }
        windowCount++;
    }

    /** The service throttled a call: slow down and pause for {@code retryAfter}. */
    synchronized void onThrottled(Optional<Duration> retryAfter) {
        long now = System.nanoTime();
        retryAfter.ifPresent(d -> pauseUntilNanos = Math.max(pauseUntilNanos, now + d.toNanos()));
        if (now - lastAdjustNanos < ADJUST_INTERVAL_NANOS) {
            return;
        }
        lastAdjustNanos = now;
        if (Double.isInfinite(currentRate)) {
            throttledAt = Math.max(1, Math.max(lastWindowCount, windowCount));
            currentRate = Math.max(MIN_RATE, throttledAt / 2);
        } else {
            currentRate = Math.max(MIN_RATE, currentRate / 2);
        }
        applyRate();
    }

    /** A call succeeded: speed up again, at most once a second. */
    synchronized void onSuccess() {
        if (currentRate >= ceiling) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastAdjustNanos < ADJUST_INTERVAL_NANOS) {
            return;
        }
        lastAdjustNanos = now;
        if (Double.isInfinite(ceiling)) {
            currentRate += Math.max(1, throttledAt / 10);
            if (currentRate >= 2 * throttledAt) {
                currentRate = ceiling;
            }
        } else {
            currentRate = Math.min(ceiling, currentRate + ceiling / 10);
        }
        applyRate();
    }

    private void applyRate() {
        if (Double.isInfinite(currentRate)) {
            requests = null;
        } else if (requests == null) {
            requests = RateLimiter.create(currentRate);
        } else {
            requests.setRate(currentRate);
        }
        LOG.debug("model {} request rate now {}", key.provider(), currentRate);
    }

    /** The current request rate limit (requests/s), infinite when unlimited. For tests and logs. */
    synchronized double currentRate() {
        return currentRate;
    }
}
