package io.vectorsync.transformer.embedding;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the client sent in the last seconds and which of those sends the service throttled: enough to see the
 * service's quota as the service counts it. A service that throttles a request sent at {@code t} had its window
 * full at {@code t}, so the sends of the second before {@code t} that it did not throttle are its quota (for this
 * client) — a measure that does not depend on how fast replies come back or how busy the client is, unlike
 * counting successes as they arrive. Not thread-safe: the limiter guards it.
 */
final class SendWindow {
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** How far back sends are kept: the second before a throttled send reported up to four seconds late. */
    private static final long KEEP = 5 * SECOND;

    private final ArrayDeque<Long> sent = new ArrayDeque<>();
    private final ArrayDeque<Long> throttled = new ArrayDeque<>();
    /** Sends before this time are forgotten. */
    private long horizon = Long.MIN_VALUE;

    /** A request left at {@code at} (clock nanos, read under the limiter's lock: sends are kept in time order). */
    void sent(long at) {
        sent.addLast(at);
        horizon = Math.max(horizon, at - KEEP);
        dropBefore(sent, horizon);
    }

    /** Whether the second before {@code at} is still known whole (a very late report cannot be measured). */
    boolean covers(long at) {
        return at - SECOND >= horizon;
    }

    /** The request sent at {@code sentAt} came back throttled. */
    void throttled(long sentAt) {
        throttled.addLast(sentAt);
        dropBefore(throttled, sentAt - KEEP);
    }

    /**
     * The sends in the second before {@code at} (exclusive) not known to be throttled: at most the service's quota
     * when a send at {@code at} was throttled (calls in flight may still prove to have been throttled).
     */
    int acceptedBefore(long at) {
        return count(sent, at) - count(throttled, at);
    }

    /**
     * The most sends not known to be throttled within any one second between {@code from - 1 s} and {@code until}:
     * the service's quota, measured around a throttled send at {@code from}. Not only the second before it: calls in
     * flight at once reach the service in another order than they left (a call sent just after the throttled one may
     * have been accepted before it), which a client starting cold, or starved of CPU, shows most.
     */
    int mostAcceptedInASecond(long from, long until) {
        Set<Long> refused = refused();
        long[] times = sent.stream().mapToLong(Long::longValue)
                .filter(t -> t > from - SECOND && t <= until && !refused.contains(t)).sorted().toArray();
        int most = 0;
        for (int first = 0, last = 0; last < times.length; last++) {
            while (times[last] - times[first] >= SECOND) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    /**
     * When the service's window, full at {@code at}, has room again: a second after the oldest send it accepted
     * within the second before {@code at}; {@code at} itself when there is none.
     */
    long roomAfter(long at) {
        Set<Long> refused = refused();
        for (long t : sent) { // in the order they left: the first accepted one in the second is the oldest
            if (t > at - SECOND && t < at && !refused.contains(t)) {
                return t + SECOND;
            }
        }
        return at;
    }

    /** The sends known to be throttled, for lookups (a throttle wave holds many). */
    private Set<Long> refused() {
        return new HashSet<>(throttled);
    }

    private static int count(ArrayDeque<Long> times, long at) {
        int n = 0;
        for (long t : times) {
            if (t > at - SECOND && t < at) {
                n++;
            }
        }
        return n;
    }

    // entries come in nearly in time order (replies are handled as they complete): the rare late one stays a
    // little longer, and counting checks each entry's time anyway
    private static void dropBefore(ArrayDeque<Long> times, long limit) {
        while (!times.isEmpty() && times.peekFirst() < limit) {
            times.pollFirst();
        }
    }
}
