package io.vectorsync.model.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.model.ModelException;
import io.vectorsync.api.model.ModelException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * Turns HTTP replies and transport failures into {@link ModelException}s the embedding step acts on:
 * 429 → THROTTLED (with {@code Retry-After}), 408/500/502/503/504, timeouts, connection failures and malformed
 * replies → TRANSIENT, 400/413/422 → BAD_INPUT with the provider's message, 401/403 → AUTH, anything else → FATAL.
 * Messages name the provider and carry its own error text, never the API key.
 */
public final class ModelErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 500;
    /** 400 replies that are about the request's settings, not a text: splitting the batch would not help. */
    private static final Pattern NOT_ABOUT_INPUT = Pattern.compile(
            "(?i).*(model\\b.*(not exist|not found|does not exist|unsupported|not supported)|dimension|matryoshka"
                    + "|encoding_format|arrearage|overdue).*", Pattern.DOTALL);

    private ModelErrors() {
    }

    /** The provider's error, as far as it could be read from the body. */
    public record ProviderError(String code, String message, String requestId) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (code != null && !code.isEmpty()) {
                sb.append(code).append(": ");
            }
            sb.append(message);
            if (requestId != null && !requestId.isEmpty()) {
                sb.append(" (request_id ").append(requestId).append(')');
            }
            return sb.toString();
        }
    }

    /**
     * Classifies a non-2xx reply.
     *
     * @param provider the plugin name, for the message
     * @param secret   the API key, scrubbed from the message should the service echo it; may be null
     */
    public static ModelException fromHttp(String provider, int status, Headers headers, String body, String secret) {
        return fromHttp(provider, status, headers, body, secret, Clock.systemUTC());
    }

    static ModelException fromHttp(String provider, int status, Headers headers, String body, String secret,
                                   Clock clock) {
        ProviderError err = parseError(body);
        String detail = scrub("HTTP " + status + " " + err, secret);
        String code = err.code() == null ? "" : err.code();
        if (status == 429 || code.startsWith("Throttling")) {
            return new ModelException(Kind.THROTTLED, status, provider + " throttled the request (" + detail
                    + "); the embedding step waits and retries", retryAfter(headers, clock), null);
        }
        if (status == 401 || status == 403) {
            return new ModelException(Kind.AUTH, status, provider + " refused the credentials (" + detail
                    + "); check the step's apiKey and that it is valid for this endpoint and model");
        }
        if (status == 408 || status == 500 || status == 502 || status == 503 || status == 504) {
            return new ModelException(Kind.TRANSIENT, status, provider + " failed temporarily (" + detail + ")");
        }
        if (status == 400 || status == 413 || status == 422) {
            if (NOT_ABOUT_INPUT.matcher(err.message()).matches() || code.startsWith("Arrearage")
                    || code.startsWith("AccessDenied")) {
                return new ModelException(Kind.FATAL, status, provider + " refused the request settings (" + detail
                        + "); check modelName, dimension and the account");
            }
            return new ModelException(Kind.BAD_INPUT, status, provider + " rejected the input (" + detail + ")");
        }
        return new ModelException(Kind.FATAL, status, provider + " call failed (" + detail
                + "); check the step's endpoint and modelName");
    }

    /** A transport failure: timeouts and connection problems are TRANSIENT. */
    public static ModelException fromIo(String provider, String url, IOException e) {
        String what;
        if (e instanceof InterruptedIOException) {
            what = "timed out calling " + url + " (raise readTimeoutMs or connectTimeoutMs if the service is slow)";
        } else if (e instanceof UnknownHostException) {
            what = "cannot resolve the host of " + url + "; check the step's endpoint";
        } else if (e instanceof ConnectException) {
            what = "cannot connect to " + url + "; check the step's endpoint and the network";
        } else {
            what = "I/O error calling " + url + ": " + e;
        }
        return new ModelException(Kind.TRANSIENT, 0, provider + " " + what, null, e);
    }

    /** A 2xx reply that could not be read: TRANSIENT (a truncated or garbled body may pass next time). */
    public static ModelException malformed(String provider, String problem, Throwable cause) {
        return new ModelException(Kind.TRANSIENT, 200, provider + " sent a malformed reply: " + problem, null, cause);
    }

    /** A well-formed reply that does not fit the request (vector count, dimension): FATAL. */
    public static ModelException mismatch(String provider, String problem) {
        return new ModelException(Kind.FATAL, 200, provider + " reply does not match the request: " + problem);
    }

    /** Reads the provider's error from a body: DashScope, OpenAI, vLLM, TEI and FastAPI shapes. */
    public static ProviderError parseError(String body) {
        if (body == null || body.isBlank()) {
            return new ProviderError(null, "no error body", null);
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.isObject()) {
                String requestId = text(n.get("request_id"));
                JsonNode error = n.get("error");
                if (error != null && error.isObject()) {
                    String msg = text(error.get("message"));
                    return new ProviderError(text(error.get("code")), msg == null ? error.toString() : msg,
                            requestId);
                }
                if (error != null && error.isTextual()) {
                    return new ProviderError(text(n.get("error_type")), error.asText(), requestId);
                }
                String message = text(n.get("message"));
                if (message != null) {
                    return new ProviderError(text(n.get("code")), message, requestId);
                }
                JsonNode detail = n.get("detail");
                if (detail != null) {
                    return new ProviderError(null, truncate(detail.isTextual() ? detail.asText() : detail.toString()),
                            requestId);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: fall through to the raw text
        }
        return new ProviderError(null, truncate(body.strip().replaceAll("\\s+", " ")), null);
    }

    /** {@code Retry-After} as seconds or an HTTP date, or OpenAI's {@code retry-after-ms}; null when absent. */
    public static Duration retryAfter(Headers headers, Clock clock) {
        if (headers == null) {
            return null;
        }
        String ms = headers.get("retry-after-ms");
        if (ms != null) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.strip())));
            } catch (NumberFormatException ignored) {
                // try Retry-After
            }
        }
        String value = headers.get("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            return seconds <= 0 ? Duration.ZERO : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException ignored) {
            // an HTTP date
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String scrub(String message, String secret) {
        if (secret == null || secret.length() < 4) {
            return message;
        }
        return message.replace(secret, "******");
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.isValueNode() ? n.asText() : n.toString();
        return s.isEmpty() ? null : s;
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
    }

}
