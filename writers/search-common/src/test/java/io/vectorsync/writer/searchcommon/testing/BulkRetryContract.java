package io.vectorsync.writer.searchcommon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Throttling, server errors, refused credentials, the stop signal and idempotence of a search writer's bulk
 * requests, against {@link FakeSearchCluster}. Each search writer's retry test extends this with its factory and
 * error codes, and adds what is its own.
 */
public abstract class BulkRetryContract {
    protected static final Schema SCHEMA = Schema.builder().field("id", DataType.STRING)
            .field("vec", DataType.floatVector(2)).build();
    protected static final String DOCUMENTS_WRITTEN = "documentsWritten";
    protected static final FakeSearchCluster.Reply NODE_DOWN = new FakeSearchCluster.Reply(503,
            "{\"error\":{\"type\":\"unavailable\",\"reason\":\"node down\"},\"status\":503}");
    protected FakeSearchCluster cluster;
    protected List<String> bulkBodies;

    protected abstract WriterFactory factory();

    protected abstract ErrorCode unavailable();

    protected abstract ErrorCode authFailed();

    /** Starts the fake; the n-th {@code _bulk} call is answered by {@code bulk.apply(n)}. */
    protected String start(Function<Integer, FakeSearchCluster.Reply> bulk) throws IOException {
        cluster = new FakeSearchCluster(bulk);
        bulkBodies = cluster.bulkBodies;
        return cluster.url();
    }

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    protected static List<Row> records(int n) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Row.of(SCHEMA, "r" + i, new float[] {i, 1}));
        }
        return out;
    }

    protected Map<String, Object> params(String url) {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", url);
        p.put("index", "i");
        p.put("username", "elastic");
        p.put("password", "s3cret-pw");
        p.put("trySize", 4);
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "vec")));
        return p;
    }

    protected Writer openWriter(Map<String, Object> params, TestPluginContext ctx) throws Exception {
        Writer w = factory().create(PluginHarness.bind(factory(), params), ctx);
        w.bind(SCHEMA);
        w.check();
        w.prepare();
        return w;
    }

    protected Idempotence idempotence(Map<String, Object> params) {
        return factory().create(PluginHarness.bind(factory(), params), new TestPluginContext("sink")).idempotence();
    }

    @Test
    void aThrottledRequestIsSentAgainAndThenSucceeds() throws Exception {
        String url = start(n -> n <= 2 ? new FakeSearchCluster.Reply(429, "{\"error\":{\"type\":"
                + "\"circuit_breaking_exception\",\"reason\":\"busy\"},\"status\":429}") : FakeSearchCluster.BULK_OK);
        TestPluginContext ctx = PluginHarness.write(factory(), params(url), SCHEMA, records(3), 10,
                new TestPluginContext("sink"));
        assertEquals(3, bulkBodies.size());
        assertEquals(bulkBodies.get(0), bulkBodies.get(2));
        assertEquals(3, ctx.counter(DOCUMENTS_WRITTEN));
        assertEquals(2, ctx.counter(Metrics.RETRIES));
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void onlyItemsRefusedWith429AreSentAgainAndNotMadeDirty() throws Exception {
        String url = start(n -> n == 1 ? FakeSearchCluster.items("201", "429", "201")
                : new FakeSearchCluster.Reply(200, "{\"took\":1,\"errors\":false,\"items\":[{\"index\":{\"_index\":\"i\","
                + "\"_id\":\"r1\",\"status\":201}}]}"));
        TestPluginContext ctx = PluginHarness.write(factory(), params(url), SCHEMA, records(3), 10,
                new TestPluginContext("sink"));
        assertEquals(2, bulkBodies.size());
        assertEquals(6, bulkBodies.get(0).lines().count());
        assertEquals(2, bulkBodies.get(1).lines().count(), "only the throttled document: " + bulkBodies.get(1));
        assertTrue(bulkBodies.get(1).contains("\"r1\""));
        assertEquals(3, ctx.counter(DOCUMENTS_WRITTEN));
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void serverErrorsFailTheJobAfterTrySizeTries() throws Exception {
        String url = start(n -> NODE_DOWN);
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(factory(), params(url),
                SCHEMA, records(2), 10, new TestPluginContext("sink")));
        assertEquals(unavailable(), e.errorCode());
        assertEquals(4, bulkBodies.size());
        assertTrue(e.getMessage().contains("503") && e.getMessage().contains("trySize"), e.getMessage());
    }

    @Test
    void refusedCredentialsFailWithoutShowingThePassword() throws Exception {
        String url = start(n -> new FakeSearchCluster.Reply(401, "{\"error\":{\"type\":\"security_exception\","
                + "\"reason\":\"unable to authenticate user [elastic]\"},\"status\":401}"));
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(factory(), params(url),
                SCHEMA, records(2), 10, new TestPluginContext("sink")));
        assertEquals(authFailed(), e.errorCode(), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
        assertFalse(PluginHarness.bind(factory(), params(url)).toString().contains("s3cret-pw"));
    }

    @Test
    void theStopSignalEndsTheRetriesOfARequest() throws Exception {
        TestPluginContext ctx = new TestPluginContext("sink");
        String url = start(n -> {
            if (n == 2) {
                ctx.requestStop();
            }
            return NODE_DOWN;
        });
        Map<String, Object> p = params(url);
        p.put("trySize", 1000); // backing off up to 10 s a try: only the stop signal ends this soon
        try (Writer w = openWriter(p, ctx); WriterTask t = w.openTask(0)) {
            t.write(records(2));
            assertThrows(InterruptedException.class, t::flush);
        }
        assertEquals(2, bulkBodies.size(), "no try after the stop signal");
    }

    @Test
    void idempotentForIndexWithIdsUpdateAndDeleteNotForCreateOrGeneratedIds() {
        Map<String, Object> p = params("http://127.0.0.1:1");
        for (String action : List.of("index", "update", "delete")) {
            p.put("actionType", action);
            assertTrue(idempotence(p).idempotent(), action);
        }
        p.put("actionType", "create");
        Idempotence create = idempotence(p);
        assertFalse(create.idempotent());
        assertTrue(create.explanation().contains("use actionType index with document ids"), create.explanation());
        p.put("actionType", "index");
        p.put("column", List.of(Map.of("name", "id", "type", "keyword"), Map.of("name", "vec")));
        Idempotence generated = idempotence(p);
        assertFalse(generated.idempotent());
        assertTrue(generated.explanation().contains("primaryKeyInfo"), generated.explanation());
    }
}
