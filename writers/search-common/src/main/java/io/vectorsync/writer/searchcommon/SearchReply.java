package io.vectorsync.writer.searchcommon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.error.PluginException;
import java.nio.charset.StandardCharsets;

/**
 * A reply of the cluster: status, parsed body ({@code null} when empty) and, for a 200 {@code _bulk} reply read
 * unparsed, the raw bytes.
 */
public record SearchReply(int status, JsonNode body, byte[] raw) {

    /** A reply with a parsed (or empty) body. */
    public SearchReply(int status, JsonNode body) {
        this(status, body, null);
    }

    /** Parses {@code bytes} as JSON; a body that is not JSON becomes a text node. */
    public static SearchReply parse(int status, byte[] bytes, ObjectMapper mapper) {
        JsonNode node = null;
        if (bytes != null && bytes.length > 0) {
            try {
                node = mapper.readTree(bytes);
            } catch (java.io.IOException notJson) {
                node = mapper.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return new SearchReply(status, node, null);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** {@code error.type: error.reason} of an error reply, or the body. */
    public String reason() {
        if (body == null) {
            return "HTTP " + status;
        }
        JsonNode err = body.path("error");
        if (err.isObject()) {
            String r = err.path("type").asText() + ": " + err.path("reason").asText();
            JsonNode cause = err.path("caused_by");
            return cause.isObject() ? r + " (caused by " + cause.path("type").asText() + ": "
                    + cause.path("reason").asText() + ")" : r;
        }
        return err.isMissingNode() ? body.toString() : err.asText();
    }

    /** Fails with a message naming the step and what was done when this reply is not 2xx. */
    public SearchReply expectOk(SearchDialect dialect, String step, String what) {
        if (ok()) {
            return this;
        }
        if (status == 401 || status == 403) {
            throw new PluginException(dialect.error(SearchErrorKind.AUTH_FAILED), "step \"" + step + "\": " + what
                    + " was refused (HTTP " + status + "); check username/password (accessId/accessKey)");
        }
        throw new PluginException(dialect.error(SearchErrorKind.REQUEST_FAILED), "step \"" + step + "\": " + what
                + " failed with HTTP " + status + ": " + reason());
    }
}
