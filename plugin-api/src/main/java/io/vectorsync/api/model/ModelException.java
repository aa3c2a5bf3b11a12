package io.vectorsync.api.model;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.error.PluginException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed model call, classified so the embedding step knows what to do. Messages carry the provider's own
 * error message and never the API key.
 */
public class ModelException extends PluginException {

    /** What went wrong, and so what the caller does. */
    public enum Kind implements ErrorCode {
        /** 429 or a quota reply: wait (at least {@link #retryAfter()} when given) and retry. */
        THROTTLED(ErrorCategory.EXTERNAL, true),
        /** 5xx, timeout, connection reset, malformed reply: retry with backoff. */
        TRANSIENT(ErrorCategory.EXTERNAL, true),
        /** 400 about the input: split the batch to find the offending text, which becomes a dirty record. */
        BAD_INPUT(ErrorCategory.DATA, false),
        /** 401/403: fail the job at once. */
        AUTH(ErrorCategory.EXTERNAL, false),
        /** Anything else that retrying will not fix (unknown model, bad dimension): fail the job. */
        FATAL(ErrorCategory.EXTERNAL, false);

        private final ErrorCategory category;
        private final boolean retriable;

        Kind(ErrorCategory category, boolean retriable) {
            this.category = category;
            this.retriable = retriable;
        }

        @Override
        public String code() {
            return "model." + name();
        }

        @Override
        public ErrorCategory category() {
            return category;
        }

        @Override
        public boolean retriable() {
            return retriable;
        }
    }

    private final Kind kind;
    private final int httpStatus;
    private final Duration retryAfter;

    public ModelException(Kind kind, int httpStatus, String message, Duration retryAfter, Throwable cause) {
        super(kind, message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public ModelException(Kind kind, int httpStatus, String message) {
        this(kind, httpStatus, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was none (timeout, in-process model). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The service's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
