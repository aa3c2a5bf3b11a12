package com.example.vectorsync.jsonpost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the contract does not cover: the wire format, retries, refusals, the secret. */
class HttpJsonlWriterTest {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
            .build();
    private static final List<Row> ROWS = List.of(Row.of(SCHEMA, 1L, "one"), Row.of(SCHEMA, 2L, null),
            Row.of(SCHEMA, 3L, "three \"quoted\"\nline"));
    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private TestPluginContext write(Map<String, Object> params) throws Exception {
        return PluginHarness.write(new HttpJsonlWriterFactory(), params, SCHEMA, ROWS, 2, new TestPluginContext("post"));
    }

    @Test
    void postsOneJsonLinePerRecordWithTheBearerToken() throws Exception {
        TestPluginContext ctx = write(Map.of("url", receiver.url(), "token", "s3cret"));
        assertEquals(List.of("{\"id\":1,\"text\":\"one\"}", "{\"id\":2,\"text\":null}",
                "{\"id\":3,\"text\":\"three \\\"quoted\\\"\\nline\"}"), receiver.lines());
        assertEquals(List.of("Bearer s3cret", "Bearer s3cret"), receiver.authorizations());
        assertEquals(2, ctx.counter("http-jsonl.posts"));
    }

    @Test
    void throttlingAndServerErrorsAreRetried() throws Exception {
        receiver.failNext(429, 503);
        write(Map.of("url", receiver.url()));
        assertEquals(3, receiver.lines().size());
    }

    @Test
    void aRefusedBatchFailsWithTheServersAnswerAndNoSecret() {
        receiver.failNext(400);
        PluginException e = assertThrows(PluginException.class,
                () -> write(Map.of("url", receiver.url(), "token", "s3cret")));
        assertEquals(CommonErrorCode.EXTERNAL_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains("HTTP 400: {\"error\":\"status 400\"}"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void givingUpSaysWhatToChange() {
        receiver.failNext(503, 503);
        PluginException e = assertThrows(PluginException.class,
                () -> write(Map.of("url", receiver.url(), "maxAttempts", 2)));
        assertTrue(e.getMessage().contains("in 2 attempt(s); last: HTTP 503"), e.getMessage());
        assertTrue(e.getMessage().contains("raise maxAttempts"), e.getMessage());
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedBeforeTheJobRuns() {
        var issues = PluginHarness.validate(new HttpJsonlWriterFactory(), Map.of("url", "ftp://example.com/x"));
        assertEquals(1, issues.size(), issues.toString());
        assertTrue(issues.get(0).toString().contains("url"), issues.toString());
    }
}
