package io.vectorsync.writer.ha3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;

/**
 * The engine's answer to one push, sorted into what the writer does next. The push API answers HTTP 2xx when it
 * accepted the documents (processing is asynchronous); otherwise the status and the body (JSON with
 * {@code errors[{code,message}]} or {@code code}/{@code message}, or plain text) say why. The engine's data-push
 * error codes are those of the Vector Search Edition's "Error codes" page.
 *
 * @param kind       what to do
 * @param httpStatus the HTTP status, 0 when the request did not get an answer
 * @param engineCode the engine's error code when the body carries one, else null
 * @param message    the engine's message (or the network error), for dirty records and errors; never a secret
 */
record Ha3Reply(Kind kind, int httpStatus, String engineCode, String message) {
    enum Kind {
        /** Accepted. */
        OK,
        /** User name or password refused. */
        AUTH,
        /** No such table or instance. */
        NOT_FOUND,
        /** Throttled, timed out, a 5xx or a network error: the same request may pass later. */
        RETRY,
        /** Refused because of the documents sent (bad field, too large): split the batch to find which. */
        REJECTED,
        /** Refused for a reason the documents do not explain (quota, operation not supported). */
        FATAL
    }

    /** Engine codes worth retrying: 1000 timeout, 3008 too many requests, 3013/3014 push rate limits. */
    private static final Set<String> RETRY_CODES = Set.of("1000", "3008", "3013", "3014");
    /** 3001 missing document, 3011 API push not supported for this data source, 3016 document quota reached. */
    private static final Set<String> FATAL_CODES = Set.of("3001", "3011", "3016");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    boolean throttled() {
        return httpStatus == 429 || (engineCode != null && !engineCode.equals("1000") && RETRY_CODES.contains(engineCode));
    }

    static Ha3Reply network(Exception e) {
        String m = e.getMessage();
        return new Ha3Reply(Kind.RETRY, 0, null, e.getClass().getSimpleName() + (m == null ? "" : ": " + m));
    }

    /** Classifies an HTTP answer. */
    static Ha3Reply of(int status, String body) {
        String code = null;
        String message = null;
        boolean failedStatus = false;
        try {
            JsonNode json = body == null || body.isBlank() ? null : MAPPER.readTree(body);
            if (json != null && json.isObject()) {
                JsonNode error = json.path("errors").isArray() && json.path("errors").size() > 0
                        ? json.path("errors").get(0) : json;
                code = text(error.get("code"));
                message = text(error.get("message"));
                if (message == null) {
                    message = text(json.get("message"));
                }
                String st = text(json.get("status"));
                failedStatus = st != null && !st.equalsIgnoreCase("OK") && !st.equalsIgnoreCase("success");
            }
        } catch (Exception notJson) {
            // plain-text answer: keep it as the message below
        }
        if (message == null && body != null && !body.isBlank()) {
            message = body.strip();
        }
        if (message != null && message.length() > 500) {
            message = message.substring(0, 500) + "…";
        }
        if (status >= 200 && status < 300 && !failedStatus) {
            return new Ha3Reply(Kind.OK, status, null, null);
        }
        String shown = message == null ? "HTTP " + status : message;
        return new Ha3Reply(kind(status, code), status, code, shown);
    }

    private static Kind kind(int status, String code) {
        if (status == 401 || status == 403) {
            return Kind.AUTH;
        }
        if (code != null && RETRY_CODES.contains(code)) {
            return Kind.RETRY;
        }
        if (status == 404 || "3012".equals(code)) {
            return Kind.NOT_FOUND;
        }
        if (code != null && FATAL_CODES.contains(code)) {
            return Kind.FATAL;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Kind.RETRY;
        }
        return Kind.REJECTED; // other 4xx, 413, 3004 "failed to save the document", 3015 "batch too large"
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    /** "HTTP 400, engine code 3004: message" for errors and dirty records. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        if (httpStatus > 0) {
            sb.append("HTTP ").append(httpStatus);
        }
        if (engineCode != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("engine code ").append(engineCode);
        }
        return sb.append(sb.isEmpty() ? "" : ": ").append(message).toString();
    }
}
