package io.vectorsync.writer.searchcommon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.Metrics;
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
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Throttling, server errors, an unreachable cluster, refused credentials, the stop signal and idempotence of a search
 * writer's bulk requests, against {@link FakeSearchCluster}. Each search writer's retry test extends this with its
 * {@link SearchProduct}, and adds what is its own.
 */
public abstract class BulkRetryContract {
    protected static final Schema SCHEMA = Schema.builder().field("id", DataType.STRING)
            .field("vec", DataType.floatVector(2)).build();
    protected static final String DOCUMENTS_WRITTEN = "documentsWritten";
    protected static final FakeSearchCluster.Reply NODE_DOWN = new FakeSearchCluster.Reply(503,
            "{\"error\":{\"type\":\"unavailable\",\"reason\":\"node down\"},\"status\":503}");
    protected FakeSearchCluster cluster;
    protected List<String> bulkBodies;

    protected final SearchProduct product;

    protected BulkRetryContract(SearchProduct product) {
        this.product = product;
    }

    protected WriterFactory factory() {
        return product.writer();
    }

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
        assertEquals(product.code("UNAVAILABLE"), e.errorCode());
        assertEquals(4, bulkBodies.size());
        assertTrue(e.getMessage().contains("503") && e.getMessage().contains("trySize"), e.getMessage());
    }

    @Test
    void refusedCredentialsFailWithoutShowingThePassword() throws Exception {
        String url = start(n -> new FakeSearchCluster.Reply(401, "{\"error\":{\"type\":\"security_exception\","
                + "\"reason\":\"unable to authenticate user [elastic]\"},\"status\":401}"));
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(factory(), params(url),
                SCHEMA, records(2), 10, new TestPluginContext("sink")));
        assertEquals(product.code("AUTH_FAILED"), e.errorCode(), e.getMessage());
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

    /** Abort after a request was answered: what was not sent is dropped, refresh and alias are skipped. */
    @Test
    void abortDropsTheUnsentDocumentsAndSkipsRefreshAndAlias() throws Exception {
        String url = start(n -> new FakeSearchCluster.Reply(200, "{\"took\":1,\"errors\":false,\"items\":["
                + "{\"index\":{\"_index\":\"i\",\"_id\":\"r0\",\"status\":201}},"
                + "{\"index\":{\"_index\":\"i\",\"_id\":\"r1\",\"status\":201}}]}"));
        Map<String, Object> p = params(url);
        p.put("batchSize", 2);
        p.put("alias", "current");
        try (Writer w = openWriter(p, new TestPluginContext("sink"))) {
            try (WriterTask t = w.openTask(0)) {
                t.write(records(3)); // r0, r1 are sent; r2 stays buffered
                while (bulkBodies.isEmpty()) {
                    Thread.onSpinWait(); // a writer may send on a thread of its own
                }
                t.abort(new RuntimeException("cancelled"));
                t.write(records(3));
            }
            w.abort(new RuntimeException("cancelled"));
        }
        assertEquals(1, bulkBodies.size());
        assertFalse(bulkBodies.get(0).contains("\"r2\""), bulkBodies.get(0));
        assertTrue(cluster.requests.stream().noneMatch(r -> r.contains("_refresh") || r.contains("_alias")),
                cluster.requests.toString());
    }

    /** A cluster that refuses connections fails the step at check() after a few quick tries, not trySize backoffs. */
    @Test
    void aClosedPortFailsFastNamingTheEndpointAndTheStep() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", url);
        p.put("index", "docs");
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "vec")));
        // trySize keeps its default (30): with backoff that would take minutes against a dead cluster
        TestPluginContext ctx = new TestPluginContext("sink");
        long start = System.nanoTime();
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(product.writer(), p,
                SCHEMA, List.of(Row.of(SCHEMA, "a", new float[] {1, 2})), 10, ctx));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(product.code("UNAVAILABLE"), e.errorCode());
        String m = e.getMessage();
        assertTrue(m.contains("step \"sink\""), m);
        assertTrue(m.contains("reading the mapping of index \"docs\""), m);
        assertTrue(m.contains("cannot connect to " + product.name() + " at " + url), m);
        assertTrue(m.contains("3 tries") && m.contains("\"endpoint\""), m);
        assertEquals(2, ctx.counter(Metrics.RETRIES), "three tries, two retries");
        assertTrue(millis < 15_000, "took " + millis + " ms");
    }
}
