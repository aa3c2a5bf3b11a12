package io.vectorsync.writer.ha3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The writer against the loopback fake: exact requests, commands, refusals and authentication. */
class Ha3WriterTest {
    static final String TABLE = "ha-cn-test_docs";
    @RegisterExtension
    static final FakeHa3Server server = new FakeHa3Server();
    final Ha3WriterFactory factory = new Ha3WriterFactory();

    @BeforeEach
    void reset() {
        server.reset();
        server.addTable(TABLE, new FakeHa3Server.Table("id", List.of("id", "title", "vec"), Map.of("vec", 3)));
    }

    static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("title", DataType.STRING)
            .field("vec", DataType.floatVector(3)).build();

    static List<Row> rows(int n) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Row.of(SCHEMA, (long) i, "text " + i, new float[] {i, 0.5f, -1.25f}));
        }
        return out;
    }

    /** DataWorks' spelling: host, accessId/accessKey, indexName, the instance ID given apart. */
    static Map<String, Object> params() {
        Map<String, Object> p = server.params("docs", List.of("id", "title", "vec"));
        p.put("writeMode", "add");
        p.put("batchSize", "2");
        p.put("retryIntervalMs", 1);
        return p;
    }

    /** Writing two rows with {@code params} fails; the error. */
    private PluginException writeFails(Map<String, Object> params) {
        return assertThrows(PluginException.class,
                () -> PluginHarness.write(factory, params, SCHEMA, rows(2), 2, new TestPluginContext("W")));
    }

    @Test
    void addPushesExactBodiesWithBasicAuthAndPrimaryKeyHeader() throws Exception {
        TestPluginContext ctx = PluginHarness.write(factory, params(), SCHEMA, rows(5), 5, new TestPluginContext("Writer"));

        assertEquals(1, server.activeCalls.get(), "check() asks /network/active once");
        assertEquals(3, server.pushes.size(), "5 documents with batchSize 2 are 3 pushes");
        FakeHa3Server.Push first = server.pushes.get(0);
        assertEquals("/update/ha-cn-test_docs/actions/bulk", first.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("vsuser:s3cret-Pa55".getBytes(StandardCharsets.UTF_8)),
                first.headers().get("authorization"));
        assertEquals("id", first.headers().get("x-opensearch-swift-pk-field"));
        assertEquals("application/json; charset=utf-8", first.headers().get("content-type"));
        assertEquals("[{\"cmd\":\"add\",\"fields\":{\"id\":0,\"title\":\"text 0\",\"vec\":[0.0,0.5,-1.25]}},"
                + "{\"cmd\":\"add\",\"fields\":{\"id\":1,\"title\":\"text 1\",\"vec\":[1.0,0.5,-1.25]}}]", first.body());
        assertEquals("[{\"cmd\":\"add\",\"fields\":{\"id\":4,\"title\":\"text 4\",\"vec\":[4.0,0.5,-1.25]}}]",
                server.pushes.get(2).body());

        Map<String, Map<String, Object>> stored = server.docs.get(TABLE);
        assertEquals(5, stored.size());
        assertEquals("text 3", stored.get("3").get("title"));
        assertEquals(List.of(3.0, 0.5, -1.25), stored.get("3").get("vec"));
        assertEquals(5, ctx.counter("rowsWritten"));
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void updateSendsOnlyGivenFieldsAndDeleteSendsOnlyTheKey() throws Exception {
        PluginHarness.write(factory, params(), SCHEMA, rows(2), 2, new TestPluginContext("Writer"));
        Schema titles = Schema.builder().field("id", DataType.INT64).field("title", DataType.STRING).build();
        Map<String, Object> update = params();
        update.put("writeMode", "update");
        update.put("column", List.of("id", "title"));
        PluginHarness.write(factory, update, titles, List.of(Row.of(titles, 1L, "new title")), 1,
                new TestPluginContext("Writer"));
        assertEquals("[{\"cmd\":\"update\",\"fields\":{\"id\":1,\"title\":\"new title\"}}]",
                server.pushes.get(server.pushes.size() - 1).body());
        assertEquals("new title", server.docs.get(TABLE).get("1").get("title"));
        assertEquals(List.of(1.0, 0.5, -1.25), server.docs.get(TABLE).get("1").get("vec"), "update keeps other fields");

        Map<String, Object> delete = params();
        delete.put("writeMode", "delete");
        PluginHarness.write(factory, delete, SCHEMA, rows(1), 1, new TestPluginContext("Writer"));
        assertEquals("[{\"cmd\":\"delete\",\"fields\":{\"id\":0}}]", server.pushes.get(server.pushes.size() - 1).body());
        assertEquals(List.of("1"), List.copyOf(server.docs.get(TABLE).keySet()));
    }

    @Test
    void documentsTheEngineRefusesBecomeDirtyWithItsMessageAndTheOthersAreWritten() throws Exception {
        List<Row> rows = new ArrayList<>(rows(6));
        Schema loose = Schema.builder().field("id", DataType.INT64).field("title", DataType.STRING)
                .field("vec", DataType.STRING).build();
        List<Row> mixed = new ArrayList<>();
        for (Row r : rows) {
            long id = (Long) r.get(0);
            String vec = id == 2 || id == 4 ? "[1, 2]" : "[" + id + ", 0.5, -1.25]"; // 2 and 4: wrong dimension
            mixed.add(Row.of(loose, id, r.get(1), vec));
        }
        Map<String, Object> p = params();
        p.put("batchSize", 6);
        p.put("column", List.of("id", "title", Map.of("name", "vec", "type", "vector")));
        TestPluginContext ctx = PluginHarness.write(factory, p, loose, mixed, 6, new TestPluginContext("Writer"));

        assertEquals(List.of("0", "1", "3", "5"), server.docs.get(TABLE).keySet().stream().sorted().toList());
        assertEquals(List.of(3.0, 0.5, -1.25), server.docs.get(TABLE).get("3").get("vec"));
        assertEquals(2, ctx.dirty().size());
        for (TestPluginContext.DirtyRecord d : ctx.dirty()) {
            assertEquals(Ha3ErrorCode.DOCUMENT_REJECTED, d.code());
            assertTrue(d.message().contains("engine code 3004") && d.message().contains("vector dimension must be 3"),
                    d.message());
        }
        assertEquals(List.of(2L, 4L), ctx.dirty().stream().map(d -> d.record().get(0)).toList());
        assertEquals(4, ctx.counter("rowsWritten"));
    }

    @Test
    void aVectorTextThatIsNotNumbersIsDirtyBeforeAnyPush() throws Exception {
        Schema loose = Schema.builder().field("id", DataType.INT64).field("vec", DataType.STRING).build();
        Map<String, Object> p = params();
        p.put("column", List.of("id", Map.of("name", "vec", "type", "vector")));
        TestPluginContext ctx = PluginHarness.write(factory, p, loose,
                List.of(Row.of(loose, 1L, "0.1 0.2 0.3"), Row.of(loose, 2L, "0.1,abc,0.3")), 2, new TestPluginContext("W"));
        assertEquals(1, server.pushes.size());
        assertEquals("[{\"cmd\":\"add\",\"fields\":{\"id\":1,\"vec\":[0.1,0.2,0.3]}}]", server.pushes.get(0).body());
        assertEquals(1, ctx.dirty().size());
        assertEquals(Ha3ErrorCode.VALUE_INVALID, ctx.dirty().get(0).code());
        assertTrue(ctx.dirty().get(0).message().contains("\"abc\""), ctx.dirty().get(0).message());
    }

    @Test
    void throttledPushesAreRetriedUntilAccepted() throws Exception {
        server.throttle(2, 429, "3008");
        TestPluginContext ctx = PluginHarness.write(factory, params(), SCHEMA, rows(2), 2, new TestPluginContext("W"));
        assertEquals(3, server.pushes.size(), "two throttled attempts, then the accepted one");
        assertEquals(server.pushes.get(0).body(), server.pushes.get(2).body(), "the retry sends the same documents");
        assertEquals(2, server.docs.get(TABLE).size());
        assertEquals(2, ctx.counter("throttled"));

        server.throttle(1, 400, "3013"); // the engine's application rate limit, answered with a 4xx
        ctx = PluginHarness.write(factory, params(), SCHEMA, rows(1), 1, new TestPluginContext("W"));
        assertEquals(1, ctx.counter("throttled"));
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void throttlingThatNeverEndsFailsTheJobOrIsDirtyWithIgnoreWriteError() {
        server.throttle(1000, 503, "1000");
        Map<String, Object> p = params();
        p.put("maxRetries", 2);
        PluginException e = writeFails(p);
        assertEquals(Ha3ErrorCode.THROTTLED, e.errorCode());
        assertTrue(e.getMessage().contains("after 2 retries") && e.getMessage().contains("engine code 1000"), e.getMessage());
        assertEquals(3, server.pushes.size());

        p.put("ignoreWriteError", true);
        TestPluginContext ctx = new TestPluginContext("W");
        assertDoesNotFail(() -> PluginHarness.write(factory, p, SCHEMA, rows(2), 2, ctx));
        assertEquals(2, ctx.dirty().size());
        assertEquals(Ha3ErrorCode.THROTTLED, ctx.dirty().get(0).code());
    }

    @Test
    void aRefusedPasswordFailsAtOnceWithoutTheSecretInTheMessage() {
        Map<String, Object> p = params();
        p.put("accessKey", "wrong-password-123");
        PluginException e = writeFails(p);
        assertEquals(Ha3ErrorCode.AUTH_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password-123"), e.getMessage());
        assertFalse(e.getMessage().contains(Base64.getEncoder().encodeToString(
                (FakeHa3Server.USER + ":wrong-password-123").getBytes(StandardCharsets.UTF_8))));
        assertEquals(0, server.pushes.size(), "check() refused the user before any push");
    }

    @Test
    void aRefusedPasswordDuringThePushIsNotRetried() throws Exception {
        Map<String, Object> p = params();
        p.put("password", "wrong-password-123");
        p.remove("accessKey");
        p.put("batchSize", 10);
        Writer w = factory.create(PluginHarness.bind(factory, p), new TestPluginContext("W"));
        w.bind(SCHEMA);
        try (WriterTask task = w.openTask(0)) {
            task.write(rows(2));
            PluginException e = assertThrows(PluginException.class, task::flush);
            assertEquals(Ha3ErrorCode.AUTH_FAILED, e.errorCode());
        }
        w.close();
        assertEquals(1, server.pushes.size());
    }

    @Test
    void anUnknownTableFailsAtOnceNamingIt() {
        Map<String, Object> p = params();
        p.put("indexName", "nosuch");
        PluginException e = writeFails(p);
        assertEquals(Ha3ErrorCode.TABLE_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().contains("ha-cn-test_nosuch"), e.getMessage());
        assertEquals(1, server.pushes.size());
    }

    @Test
    void abortDropsTheBufferWithoutPushing() throws Exception {
        Map<String, Object> p = params();
        p.put("batchSize", 100);
        Writer w = factory.create(PluginHarness.bind(factory, p), new TestPluginContext("W"));
        w.bind(SCHEMA);
        WriterTask task = w.openTask(0);
        task.write(rows(3));
        task.abort(new RuntimeException("reader failed"));
        task.close();
        w.abort(new RuntimeException("reader failed"));
        w.close();
        assertEquals(0, server.pushes.size());
    }

    @Test
    void aStopRequestEndsTheRetriesWithCancelled() throws Exception {
        server.throttle(1_000_000, 429, "3008");
        Map<String, Object> p = params();
        p.put("maxRetries", 1_000_000);
        TestPluginContext ctx = new TestPluginContext("W");
        Writer w = factory.create(PluginHarness.bind(factory, p), ctx);
        w.bind(SCHEMA);
        try (WriterTask task = w.openTask(0)) {
            task.write(rows(1));
            Thread stopper = new Thread(() -> {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (server.pushes.size() < 3 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                ctx.requestStop();
            });
            stopper.start();
            PluginException e = assertThrows(PluginException.class, task::flush);
            assertEquals("CANCELLED", e.errorCode().code());
            stopper.join();
        }
        w.close();
        assertTrue(server.docs.get(TABLE).isEmpty());
    }

    @Test
    void largeBatchesAreSplitToStayUnderMaxRequestBytes() throws Exception {
        server.maxBodyBytes(400);
        Map<String, Object> p = params();
        p.put("batchSize", 10);
        p.put("maxRequestBytes", 1024);
        PluginHarness.write(factory, p, SCHEMA, rows(10), 10, new TestPluginContext("W"));
        // the engine's 413 (code 3015) for a push over its limit is bisected until every push fits
        assertEquals(10, server.docs.get(TABLE).size());
        assertTrue(server.pushes.stream().anyMatch(x -> x.body().length() > 400));

        server.reset();
        server.addTable(TABLE, new FakeHa3Server.Table("id", List.of("id", "title", "vec"), Map.of("vec", 3)));
        server.maxBodyBytes(1024);
        p.put("batchSize", 30);
        PluginHarness.write(factory, p, SCHEMA, rows(30), 30, new TestPluginContext("W"));
        assertEquals(30, server.docs.get(TABLE).size());
        assertTrue(server.pushes.size() > 1);
        assertTrue(server.pushes.stream().allMatch(x -> x.body().getBytes(StandardCharsets.UTF_8).length <= 1024));
    }

    @Test
    void starColumnsAndPrimaryKeyChecks() throws Exception {
        Map<String, Object> p = params();
        p.put("column", List.of("*"));
        PluginHarness.write(factory, p, SCHEMA, rows(1), 1, new TestPluginContext("W"));
        assertEquals("[{\"cmd\":\"add\",\"fields\":{\"id\":0,\"title\":\"text 0\",\"vec\":[0.0,0.5,-1.25]}}]",
                server.pushes.get(0).body());

        Map<String, Object> noId = params();
        noId.put("column", List.of("title", "vec"));
        Writer w = factory.create(PluginHarness.bind(factory, noId), new TestPluginContext("W"));
        PluginException e = assertThrows(PluginException.class, () -> w.bind(SCHEMA));
        assertTrue(e.getMessage().contains("set primaryKey"), e.getMessage());

        Map<String, Object> unknown = params();
        unknown.put("column", List.of("id", "missing"));
        Writer w2 = factory.create(PluginHarness.bind(factory, unknown), new TestPluginContext("W"));
        e = assertThrows(PluginException.class, () -> w2.bind(SCHEMA));
        assertTrue(e.getMessage().contains("column[1] \"missing\""), e.getMessage());
    }

    @Test
    void everyWriteModeIsIdempotentByPrimaryKey() {
        for (String mode : List.of("add", "update", "delete")) {
            Map<String, Object> p = params();
            p.put("writeMode", mode);
            assertTrue(factory.create(PluginHarness.bind(factory, p), new TestPluginContext("W")).idempotence().idempotent());
        }
    }

    @Test
    void tableAndInstanceNaming() {
        assertEquals("ha-cn-abc_docs", Ha3Client.tablePath("docs", Ha3Client.instanceIdFrom("ha-cn-abc.public.ha.aliyuncs.com")));
        assertEquals("ha-cn-abc_docs", Ha3Client.tablePath("ha-cn-abc_docs", "ha-cn-abc"));
        assertEquals("docs", Ha3Client.tablePath("docs", Ha3Client.instanceIdFrom("127.0.0.1")));
        assertEquals("https://ha-cn-abc.ha.aliyuncs.com/", Ha3Client.baseUrl("https://ha-cn-abc.ha.aliyuncs.com").toString());
        assertEquals("http://ha-cn-abc.ha.aliyuncs.com/", Ha3Client.baseUrl("ha-cn-abc.ha.aliyuncs.com").toString());
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void assertDoesNotFail(Action a) {
        try {
            a.run();
        } catch (Exception e) {
            throw new AssertionError("unexpected failure: " + e, e);
        }
    }
}
