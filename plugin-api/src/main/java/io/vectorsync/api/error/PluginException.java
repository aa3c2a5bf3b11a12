package io.vectorsync.api.error;

import java.util.Objects;

/**
 * The one exception type plugins throw. The message names the step's parameter, record or target and says
 * what to do; the cause is chained, never pasted into the message. Messages must never contain secrets.
 */
public class PluginException extends RuntimeException {
    private final ErrorCode errorCode;

    public PluginException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    public PluginException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode is null");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public boolean retriable() {
        return errorCode.retriable();
    }

    /** Shortcut for a configuration problem: {@code parameter} names the offending key. */
    public static PluginException config(String parameter, String problem) {
        return new PluginException(CommonErrorCode.CONFIG_INVALID, "\"" + parameter + "\": " + problem);
    }
}
