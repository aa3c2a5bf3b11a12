package io.vectorsync.writer.milvus;

import io.milvus.shaded.io.grpc.StatusRuntimeException;
import io.milvus.v2.exception.ErrorCode;
import io.milvus.v2.exception.MilvusClientException;
import io.vectorsync.api.Metrics;
import io.vectorsync.api.PluginContext;
import java.util.concurrent.Callable;

/** Classifies Milvus SDK failures and runs calls with the writer's own retry policy. */
final class MilvusFailures {
    /** {@code common.ErrorCode.RateLimit} of the legacy status. */
    static final int LEGACY_RATE_LIMIT = 49;
    /** The v2.3+ status code for "rate limited". */
    static final int RATE_LIMIT = 8;

    private MilvusFailures() {
    }

    static boolean isRateLimited(Throwable t) {
        return t instanceof MilvusClientException e
                && (e.getServerErrCode() == RATE_LIMIT || e.getLegacyServerCode() == LEGACY_RATE_LIMIT);
    }

    /** Network trouble that may pass: UNAVAILABLE, a deadline, an aborted or cancelled call. */
    static boolean isTransient(Throwable t) {
        if (t instanceof MilvusClientException e && e.getErrorCode() == ErrorCode.TIMEOUT) {
            return true;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StatusRuntimeException s) {
                return switch (s.getStatus().getCode()) {
                    case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, CANCELLED -> true;
                    default -> false;
                };
            }
        }
        return false;
    }

    /** The SDK refused the rows before sending them (type or length checks). */
    static boolean isClientSide(Throwable t) {
        return t instanceof MilvusClientException e
                && (e.getErrorCode() == ErrorCode.CLIENT_ERROR || e.getErrorCode() == ErrorCode.INVALID_PARAMS)
                && !isTransient(t);
    }

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        if (t instanceof MilvusClientException e && e.getServerErrCode() != 0) {
            sb.append("server error ").append(e.getServerErrCode()).append(": ");
        }
        String msg = t.getMessage();
        Throwable c = t.getCause();
        if ((msg == null || msg.isBlank() || (c != null && msg.equals(c.toString()))) && c != null) {
            msg = c.getMessage();
        }
        return sb.append(msg == null ? t.getClass().getSimpleName() : msg).toString();
    }

    /**
     * Whether a failed write may nevertheless have been applied: the call reached the network and no answer
     * came back (deadline exceeded, connection lost, cancelled). A rate-limit refusal and a client-side
     * refusal were definitely not applied.
     */
    static boolean mayHaveBeenApplied(Throwable t) {
        return isTransient(t) && !isRateLimited(t);
    }

    /**
     * Sleeps {@code ms}, waking up every 50 ms to check the stop signal. Throws InterruptedException when the job
     * is stopping (the stop signal, or an interrupt, whose status the caller sees through the exception).
     */
    static void pause(long ms, PluginContext context) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        for (long left = ms; left > 0; left = (end - System.nanoTime()) / 1_000_000L) {
            if (context.stopRequested()) {
                throw new InterruptedException("the job is stopping");
            }
            Thread.sleep(Math.min(left, 50));
        }
        if (context.stopRequested()) {
            throw new InterruptedException("the job is stopping");
        }
    }

    static long backoff(long intervalMs, int attempt) {
        long ms = intervalMs * (1L << Math.min(attempt, 10));
        return Math.min(ms, 30_000L);
    }

    /** Runs {@code action}, retrying rate limits and transient failures {@code maxRetries} times with back-off. */
    static <T> T withRetries(Callable<T> action, int maxRetries, long intervalMs, PluginContext context) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return action.call();
            } catch (Exception e) {
                boolean limited = isRateLimited(e);
                if ((!limited && !isTransient(e)) || attempt >= maxRetries || context.stopRequested()) {
                    throw e;
                }
                context.metrics().counter(limited ? Metrics.THROTTLED : Metrics.RETRIES).increment();
                pause(backoff(intervalMs, attempt), context);
            }
        }
    }
}
