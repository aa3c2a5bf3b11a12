package io.vectorsync.writer.elasticsearch;

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
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import io.vectorsync.writer.searchcommon.testing.FakeSearchCluster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Throttling, server errors, refused credentials, abort and the stop signal, against a loopback fake of the REST
 * API.
 */
class ElasticsearchRetryTest {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.STRING)
            .field("vec", DataType.floatVector(2)).build();
    private FakeSearchCluster cluster;
    private List<String> bulkBodies;

    /** Starts a fake whose _bulk replies come from {@code bulk} (call number → status and body). */
    private String start(Function<Integer, Object[]> bulk) throws IOException {
        cluster = new FakeSearchCluster(n -> {
            Object[] r = bulk.apply(n);
            return new FakeSearchCluster.Reply((Integer) r[0], (String) r[1]);
        });
        bulkBodies = cluster.bulkBodies;
        return cluster.url();
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String items(String... statuses) {
        return FakeSearchCluster.items(statuses).body();
    }

    private static List<Row> records(int n) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Row.of(SCHEMA, "r" + i, new float[] {i, 1}));
        }
        return out;
    }

    private Map<String, Object> params(String url) {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", url);
        p.put("index", "i");
        p.put("username", "elastic");
        p.put("password", "s3cret-pw");
        p.put("trySize", 4);
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "vec")));
        return p;
    }

    @Test
    void aThrottledRequestIsSentAgainAndThenSucceeds() throws Exception {
        String url = start(n -> n <= 2 ? new Object[] {429, "{\"error\":{\"type\":\"circuit_breaking_exception\","
                + "\"reason\":\"busy\"},\"status\":429}"} : new Object[] {200, "{\"took\":1,\"errors\":false,\"items\":[]}"});
        TestPluginContext ctx = PluginHarness.write(new ElasticsearchWriterFactory(), params(url), SCHEMA, records(3), 10,
                new TestPluginContext("es"));
        assertEquals(3, bulkBodies.size());
        assertEquals(bulkBodies.get(0), bulkBodies.get(2));
        assertEquals(3, ctx.counter(ElasticsearchWriterTask.DOCUMENTS_WRITTEN));
        assertEquals(2, ctx.counter(Metrics.RETRIES));
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void onlyItemsRefusedWith429AreSentAgainAndNotMadeDirty() throws Exception {
        String url = start(n -> n == 1 ? new Object[] {200, items("201", "429", "201")}
                : new Object[] {200, "{\"took\":1,\"errors\":false,\"items\":[{\"index\":{\"status\":201}}]}"});
        TestPluginContext ctx = PluginHarness.write(new ElasticsearchWriterFactory(), params(url), SCHEMA, records(3), 10,
                new TestPluginContext("es"));
        assertEquals(2, bulkBodies.size());
        assertEquals(6, bulkBodies.get(0).lines().count());
        assertEquals(2, bulkBodies.get(1).lines().count(), "only the throttled document: " + bulkBodies.get(1));
        assertTrue(bulkBodies.get(1).contains("\"r1\""));
        assertEquals(3, ctx.counter(ElasticsearchWriterTask.DOCUMENTS_WRITTEN));
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void serverErrorsFailTheJobAfterTrySizeTries() throws Exception {
        String url = start(n -> new Object[] {503, "{\"error\":{\"type\":\"unavailable\",\"reason\":\"node down\"}}"});
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(new ElasticsearchWriterFactory(),
                params(url), SCHEMA, records(2), 10, new TestPluginContext("es")));
        assertEquals(ElasticsearchErrorCode.UNAVAILABLE, e.errorCode());
        assertEquals(4, bulkBodies.size());
        assertTrue(e.getMessage().contains("503") && e.getMessage().contains("trySize"), e.getMessage());
    }

    @Test
    void refusedCredentialsFailWithoutShowingThePassword() throws Exception {
        String url = start(n -> new Object[] {401, "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to "
                + "authenticate user [elastic]\"},\"status\":401}"});
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(new ElasticsearchWriterFactory(),
                params(url), SCHEMA, records(2), 10, new TestPluginContext("es")));
        assertEquals(ElasticsearchErrorCode.AUTH_FAILED, e.errorCode());
        assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
        assertFalse(PluginHarness.bind(new ElasticsearchWriterFactory(), params(url)).toString().contains("s3cret-pw"));
    }

    private Writer openWriter(Map<String, Object> params, TestPluginContext ctx) throws Exception {
        ElasticsearchWriterFactory f = new ElasticsearchWriterFactory();
        Writer w = f.create(PluginHarness.bind(f, params), ctx);
        w.bind(SCHEMA);
        w.check();
        w.prepare();
        return w;
    }

    @Test
    void abortCancelsTheRequestInFlightDropsTheRestAndSkipsRefreshAndAlias() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        String url = start(n -> {
            try {
                release.await(30, TimeUnit.SECONDS); // a slow cluster
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Object[] {200, "{\"took\":1,\"errors\":false,\"items\":[]}"};
        });
        Map<String, Object> p = params(url);
        p.put("batchSize", 2);
        p.put("alias", "current");
        TestPluginContext ctx = new TestPluginContext("es");
        try (Writer w = openWriter(p, ctx)) {
            try (WriterTask t = w.openTask(0)) {
                t.write(records(3)); // r0, r1 go out and hang; r2 stays buffered
                while (bulkBodies.isEmpty()) {
                    Thread.onSpinWait();
                }
                t.abort(new RuntimeException("cancelled"));
                assertEquals(1, release.getCount(), "abort returned without waiting for the cluster");
                t.write(records(3));
            }
            w.abort(new RuntimeException("cancelled"));
        } finally {
            release.countDown();
        }
        assertEquals(1, bulkBodies.size());
        assertFalse(bulkBodies.get(0).contains("\"r2\""), bulkBodies.get(0));
        assertTrue(cluster.requests.stream().noneMatch(r -> r.contains("_refresh") || r.contains("_alias")), cluster.requests.toString());
    }

    @Test
    void theStopSignalEndsTheRetriesOfARequest() throws Exception {
        TestPluginContext ctx = new TestPluginContext("es");
        String url = start(n -> {
            if (n == 2) {
                ctx.requestStop();
            }
            return new Object[] {503, "{\"error\":{\"type\":\"unavailable\",\"reason\":\"node down\"}}"};
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
        ElasticsearchWriterFactory f = new ElasticsearchWriterFactory();
        Map<String, Object> p = params("http://127.0.0.1:1");
        for (String action : List.of("index", "update", "delete")) {
            p.put("actionType", action);
            assertTrue(f.create(PluginHarness.bind(f, p), new TestPluginContext("es")).idempotence().idempotent(), action);
        }
        p.put("actionType", "create");
        Idempotence create = f.create(PluginHarness.bind(f, p), new TestPluginContext("es")).idempotence();
        assertFalse(create.idempotent());
        assertTrue(create.explanation().contains("use actionType index with document ids"), create.explanation());
        p.put("actionType", "index");
        p.put("column", List.of(Map.of("name", "id", "type", "keyword"), Map.of("name", "vec")));
        Idempotence generated = f.create(PluginHarness.bind(f, p), new TestPluginContext("es")).idempotence();
        assertFalse(generated.idempotent());
        assertTrue(generated.explanation().contains("primaryKeyInfo"), generated.explanation());
    }
}
