package io.vectorsync.writer.opensearch;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.PluginException;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for requests that failed with 429, 5xx or an I/O error: up to {@code trySize}
 * tries, waiting {@code initialMs·2^(n-1)} (at most {@code maxMs}) between them.
 */
final class OpenSearchRetry {
    private final String step;
    private final int trySize;
    private final long initialMs;
    private final long maxMs;
    private final Metrics.Counter retries;
    private final Metrics.Counter throttled;

    OpenSearchRetry(String step, int trySize, long initialMs, long maxMs, Metrics metrics) {
        this.step = step;
        this.trySize = trySize;
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.retries = metrics.counter(Metrics.RETRIES);
        this.throttled = metrics.counter(Metrics.THROTTLED);
    }

    /** A request that may be tried again. */
    interface Attempt {
        OpenSearchHttp.Reply run() throws IOException;
    }

    static boolean transientStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504 || status == 500;
    }

    int trySize() {
        return trySize;
    }

    /** Runs {@code attempt} until it returns a non-transient status; fails after {@code trySize} tries. */
    OpenSearchHttp.Reply call(String what, Attempt attempt) throws InterruptedException {
        String last = null;
        IOException lastIo = null;
        for (int n = 1; n <= trySize; n++) {
            if (n > 1) {
                pause(n - 1);
            }
            try {
                OpenSearchHttp.Reply r = attempt.run();
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
            }
        }
        throw new PluginException(OpenSearchErrorCode.UNAVAILABLE, "step \"" + step + "\": " + what + " failed "
                + trySize + " times (trySize); last error: " + last, lastIo);
    }

    /** Sleeps before retry number {@code retry} (1-based) and counts it. */
    void pause(int retry) throws InterruptedException {
        retries.increment();
        long exp = initialMs << Math.min(20, retry - 1);
        long delay = Math.min(maxMs, exp);
        Thread.sleep(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }
}
