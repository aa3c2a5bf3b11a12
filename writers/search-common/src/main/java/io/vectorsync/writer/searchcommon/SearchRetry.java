package io.vectorsync.writer.searchcommon;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.PluginException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for requests that failed with 429, 5xx or an I/O error: up to {@code trySize}
 * tries, waiting {@code initialMs·2^(n-1)} (at most {@code maxMs}) between them. Every wait wakes up every 50 ms to
 * check the job's stop signal and ends at once on an interrupt: both throw {@link InterruptedException}.
 */
public final class SearchRetry {
    /** Tries of a metadata request whose host cannot be reached (connection refused, unknown host). */
    public static final int CONNECT_TRIES = 3;
    private static final long CONNECT_PAUSE_MS = 300;

    private final SearchDialect dialect;
    private final String step;
    private final int trySize;
    private final long initialMs;
    private final long maxMs;
    private final Metrics.Counter retries;
    private final Metrics.Counter throttled;
    private final PluginContext context;

    /** {@code context} gives the metrics (retries, throttled) and the stop signal the waits watch. */
    public SearchRetry(SearchDialect dialect, String step, int trySize, long initialMs, long maxMs,
                       PluginContext context) {
        this.dialect = java.util.Objects.requireNonNull(dialect, "dialect is null");
        this.step = step;
        this.trySize = trySize;
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.context = java.util.Objects.requireNonNull(context, "context is null");
        this.retries = context.metrics().counter(Metrics.RETRIES);
        this.throttled = context.metrics().counter(Metrics.THROTTLED);
    }

    /** A request that may be tried again. */
    public interface Attempt {
        SearchReply run() throws IOException;
    }

    public static boolean transientStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504 || status == 500;
    }

    public int trySize() {
        return trySize;
    }

    /** Runs {@code attempt} until it returns a non-transient status; fails after {@code trySize} tries. */
    public SearchReply call(String what, Attempt attempt) throws InterruptedException {
        return run(what, null, attempt);
    }

    /**
     * Like {@link #call}, for metadata requests (mapping, index existence and creation, plugins, refresh, aliases):
     * a cluster that cannot be reached at all (connection refused, unknown host, no route) fails after
     * {@link #CONNECT_TRIES} quick tries with a message naming {@code endpoint} and {@code what}, instead of
     * backing off {@code trySize} times; 429/5xx replies and other I/O errors are still retried up to trySize.
     */
    public SearchReply callMetadata(String what, String endpoint, Attempt attempt) throws InterruptedException {
        return run(what, java.util.Objects.requireNonNull(endpoint, "endpoint is null"), attempt);
    }

    /** With an {@code endpoint}, an unreachable cluster fails after {@link #CONNECT_TRIES} quick tries. */
    private SearchReply run(String what, String endpoint, Attempt attempt) throws InterruptedException {
        int unreachable = 0;
        String last = null;
        IOException lastIo = null;
        for (int n = 1; n <= trySize; n++) {
            if (n > 1) {
                if (endpoint != null && lastIo != null && isUnreachable(lastIo)) {
                    retries.increment();
                    sleep(CONNECT_PAUSE_MS);
                } else {
                    pause(n - 1);
                }
            }
            try {
                SearchReply r = attempt.run();
                if (!transientStatus(r.status())) {
                    return r;
                }
                if (r.status() == 429) {
                    throttled.increment();
                }
                last = "HTTP " + r.status() + " " + r.reason();
                lastIo = null;
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
                lastIo = e;
                if (endpoint != null && isUnreachable(e) && ++unreachable >= Math.min(CONNECT_TRIES, trySize)) {
                    throw new PluginException(dialect.error(SearchErrorKind.UNAVAILABLE), "step \"" + step + "\": "
                            + what + " failed: cannot connect to " + dialect.flavor().product() + " at " + endpoint
                            + " (" + last + ", " + unreachable + " tries); check \"endpoint\" and that the cluster "
                            + "is running and reachable from this machine", e);
                }
            }
        }
        throw new PluginException(dialect.error(SearchErrorKind.UNAVAILABLE), "step \"" + step + "\": " + what
                + " failed " + trySize + " times (trySize); last error: " + last, lastIo);
    }

    /** Whether {@code e} (or a cause) says the host cannot be reached at all. */
    public static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts try number {@code attempt} (1-based) of a caller's own retry loop: pauses after a failed try, throws when
     * the job is stopping; returns whether this is the last try.
     */
    public boolean beginTry(int attempt) throws InterruptedException {
        if (attempt > 1) {
            pause(attempt - 1);
        }
        throwIfStopping();
        return attempt >= trySize;
    }

    /** Sleeps before retry number {@code retry} (1-based) and counts it. */
    public void pause(int retry) throws InterruptedException {
        retries.increment();
        long exp = initialMs << Math.min(20, retry - 1);
        long delay = Math.min(maxMs, exp);
        sleep(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    /** Sleeps {@code ms} unless the job stops first (stop signal or interrupt: InterruptedException). */
    public void sleep(long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        for (long left = ms; left > 0; left = (end - System.nanoTime()) / 1_000_000L) {
            throwIfStopping();
            Thread.sleep(Math.min(left, 50));
        }
        throwIfStopping();
    }

    /** Throws InterruptedException when the job is stopping, so a retry loop does not start another try. */
    public void throwIfStopping() throws InterruptedException {
        if (context.stopRequested()) {
            throw new InterruptedException("step \"" + step + "\": the job is stopping");
        }
    }
}
