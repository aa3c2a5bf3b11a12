package io.vectorsync.model.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.model.ModelException;
import io.vectorsync.api.model.ModelException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class ModelErrorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

    private static ModelException http(int status, String body, String... headers) {
        return ModelErrors.fromHttp("prov", status, Headers.of(headers), body, "sk-abcdef", CLOCK);
    }

    @Test
    void retryAfterInSecondsDecimalsAndHttpDates() {
        assertEquals(Duration.ofSeconds(3), http(429, "", "Retry-After", "3").retryAfter().orElseThrow());
        assertEquals(Duration.ofMillis(1500), http(429, "", "Retry-After", "1.5").retryAfter().orElseThrow());
        assertEquals(Duration.ofSeconds(120), http(429, "", "Retry-After", "Wed, 21 Oct 2015 07:30:00 GMT")
                .retryAfter().orElseThrow());
        assertEquals(Duration.ZERO, http(429, "", "Retry-After", "Wed, 21 Oct 2015 07:00:00 GMT")
                .retryAfter().orElseThrow());
        assertEquals(Duration.ofMillis(250), http(429, "", "retry-after-ms", "250").retryAfter().orElseThrow());
        assertTrue(http(429, "").retryAfter().isEmpty());
        assertTrue(http(429, "", "Retry-After", "soon").retryAfter().isEmpty());
    }

    @Test
    void classifiesStatuses() {
        assertEquals(Kind.THROTTLED, http(429, "").kind());
        for (int s : new int[] {408, 500, 502, 503, 504}) {
            assertEquals(Kind.TRANSIENT, http(s, "").kind(), "status " + s);
        }
        assertEquals(Kind.BAD_INPUT, http(400, "{\"code\":\"InvalidParameter\",\"message\":\"input too long\"}").kind());
        assertEquals(Kind.BAD_INPUT, http(413, "").kind());
        assertEquals(Kind.AUTH, http(401, "").kind());
        assertEquals(Kind.AUTH, http(403, "").kind());
        assertEquals(Kind.FATAL, http(404, "").kind());
        assertEquals(Kind.FATAL, http(501, "").kind());
    }

    @Test
    void badRequestsAboutSettingsAreFatalNotBadInput() {
        assertEquals(Kind.FATAL, http(400, "{\"code\":\"InvalidParameter\",\"message\":\"Model not exist.\"}").kind());
        assertEquals(Kind.FATAL, http(400, "{\"error\":{\"message\":\"This model does not support specifying "
                + "dimensions.\"}}").kind());
        assertEquals(Kind.FATAL, http(400, "{\"code\":\"Arrearage\",\"message\":\"Access denied, account is in "
                + "good standing?\"}").kind());
        assertEquals(Kind.THROTTLED, http(400, "{\"code\":\"Throttling.AllocationQuota\",\"message\":\"x\"}").kind());
    }

    @Test
    void readsTheProvidersMessageInEveryShape() {
        assertEquals("InvalidParameter: bad (request_id r1)", ModelErrors.parseError(
                "{\"code\":\"InvalidParameter\",\"message\":\"bad\",\"request_id\":\"r1\"}").toString());
        assertEquals("invalid_api_key: Incorrect key", ModelErrors.parseError(
                "{\"error\":{\"message\":\"Incorrect key\",\"type\":\"invalid_request_error\","
                        + "\"code\":\"invalid_api_key\"}}").toString());
        assertEquals("Validation: too long", ModelErrors.parseError(
                "{\"error\":\"too long\",\"error_type\":\"Validation\"}").toString());
        assertEquals("vllm says no", ModelErrors.parseError(
                "{\"object\":\"error\",\"message\":\"vllm says no\",\"type\":\"BadRequestError\"}").message());
        assertEquals("field required", ModelErrors.parseError("{\"detail\":\"field required\"}").message());
        assertEquals("<html> gateway </html>", ModelErrors.parseError("<html>\n gateway </html>").message());
        assertEquals("no error body", ModelErrors.parseError("").message());
    }

    @Test
    void neverShowsTheKey() {
        ModelException e = http(401, "{\"code\":\"InvalidApiKey\",\"message\":\"Invalid API-key provided: sk-abcdef\"}");
        assertFalse(e.getMessage().contains("sk-abcdef"), e.getMessage());
        assertTrue(e.getMessage().contains("prov refused the credentials"), e.getMessage());
    }

    @Test
    void transportFailuresAreTransient() {
        ModelException timeout = ModelErrors.fromIo("prov", "http://h/v1", new SocketTimeoutException("timeout"));
        assertEquals(Kind.TRANSIENT, timeout.kind());
        assertTrue(timeout.getMessage().contains("timed out"));
        assertEquals(Kind.TRANSIENT, ModelErrors.fromIo("prov", "http://h", new ConnectException("refused")).kind());
        assertEquals(Kind.TRANSIENT, ModelErrors.fromIo("prov", "http://h", new IOException("reset")).kind());
        assertNull(ModelErrors.retryAfter(null, CLOCK));
    }
}
