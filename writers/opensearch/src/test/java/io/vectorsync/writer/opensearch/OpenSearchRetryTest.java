package io.vectorsync.writer.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Throttling, server errors and refused credentials, against a loopback fake of the REST API. */
class OpenSearchRetryTest {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.STRING)
            .field("vec", DataType.floatVector(2)).build();
    private HttpServer server;
    private final List<String> bulkBodies = Collections.synchronizedList(new ArrayList<>());
    private String plugins = "[{\"name\":\"node-1\",\"component\":\"opensearch-knn\",\"version\":\"2.19.1.0\"}]";

    /** Starts a fake whose _bulk replies come from {@code bulk} (call number → status and body). */
    private String start(Function<Integer, Object[]> bulk) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("/_bulk")) {
                bulkBodies.add(body);
                Object[] r = bulk.apply(calls.incrementAndGet());
                reply(ex, (Integer) r[0], (String) r[1]);
            } else if (path.equals("/_cat/plugins")) {
                reply(ex, 200, plugins);
            } else if (path.endsWith("/_mapping") || ex.getRequestMethod().equals("HEAD")) {
                reply(ex, 404, "{\"error\":{\"type\":\"index_not_found_exception\",\"reason\":\"no such index\"},\"status\":404}");
            } else {
                reply(ex, 200, "{\"acknowledged\":true}");
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String items(String... statuses) {
        StringBuilder sb = new StringBuilder("{\"took\":1,\"errors\":true,\"items\":[");
        for (int i = 0; i < statuses.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"index\":{\"_index\":\"i\",\"_id\":\"").append(i).append("\",\"status\":")
                    .append(statuses[i]).append(statuses[i].equals("429") ? ",\"error\":{\"type\":"
                            + "\"es_rejected_execution_exception\",\"reason\":\"rejected execution\"}" : "").append("}}");
        }
        return sb.append("]}").toString();
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
        TestPluginContext ctx = PluginHarness.write(new OpenSearchWriterFactory(), params(url), SCHEMA, records(3), 10,
                new TestPluginContext("es"));
        assertEquals(3, bulkBodies.size());
        assertEquals(bulkBodies.get(0), bulkBodies.get(2));
        assertEquals(3, ctx.counter(OpenSearchWriterTask.DOCUMENTS_WRITTEN));
        assertEquals(2, ctx.counter(Metrics.RETRIES));
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void onlyItemsRefusedWith429AreSentAgainAndNotMadeDirty() throws Exception {
        String url = start(n -> n == 1 ? new Object[] {200, items("201", "429", "201")}
                : new Object[] {200, "{\"took\":1,\"errors\":false,\"items\":[{\"index\":{\"_index\":\"i\","
                + "\"_id\":\"r1\",\"status\":201}}]}"});
        TestPluginContext ctx = PluginHarness.write(new OpenSearchWriterFactory(), params(url), SCHEMA, records(3), 10,
                new TestPluginContext("es"));
        assertEquals(2, bulkBodies.size());
        assertEquals(6, bulkBodies.get(0).lines().count());
        assertEquals(2, bulkBodies.get(1).lines().count(), "only the throttled document: " + bulkBodies.get(1));
        assertTrue(bulkBodies.get(1).contains("\"r1\""));
        assertEquals(3, ctx.counter(OpenSearchWriterTask.DOCUMENTS_WRITTEN));
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void serverErrorsFailTheJobAfterTrySizeTries() throws Exception {
        String url = start(n -> new Object[] {503, "{\"error\":{\"type\":\"unavailable\",\"reason\":\"node down\"},\"status\":503}"});
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(new OpenSearchWriterFactory(),
                params(url), SCHEMA, records(2), 10, new TestPluginContext("es")));
        assertEquals(OpenSearchErrorCode.UNAVAILABLE, e.errorCode());
        assertEquals(4, bulkBodies.size());
        assertTrue(e.getMessage().contains("503") && e.getMessage().contains("trySize"), e.getMessage());
    }

    @Test
    void aClusterWithoutTheKnnPluginFailsAtCheckWithAClearMessage() throws Exception {
        plugins = "[{\"name\":\"node-1\",\"component\":\"analysis-icu\",\"version\":\"2.19.1\"}]";
        String url = start(n -> new Object[] {200, "{\"took\":1,\"errors\":false,\"items\":[]}"});
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(new OpenSearchWriterFactory(),
                params(url), SCHEMA, records(2), 10, new TestPluginContext("os")));
        assertEquals(OpenSearchErrorCode.KNN_PLUGIN_MISSING, e.errorCode());
        assertTrue(e.getMessage().contains("no k-NN plugin") && e.getMessage().contains("analysis-icu")
                && e.getMessage().contains("opensearch-knn"), e.getMessage());
        assertTrue(bulkBodies.isEmpty(), "nothing was written");
    }

    @Test
    void knnMappingErrorsAreRecognised() {
        assertTrue(OpenSearchKnn.looksLikeMissingPlugin("mapper_parsing_exception: No handler for type [knn_vector] "
                + "declared on field [vec]"));
        assertTrue(OpenSearchKnn.looksLikeMissingPlugin("settings_exception: unknown setting [index.knn] please check "
                + "that any required plugins are installed"));
        assertFalse(OpenSearchKnn.looksLikeMissingPlugin("resource_already_exists_exception: index [i] already exists"));
        assertTrue(OpenSearchKnn.hasKnnPlugin(List.of("opensearch-security", "opensearch-knn")));
        assertFalse(OpenSearchKnn.hasKnnPlugin(List.of()));
    }

    @Test
    void refusedCredentialsFailWithoutShowingThePassword() throws Exception {
        String url = start(n -> new Object[] {401, "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to "
                + "authenticate user [elastic]\"},\"status\":401}"});
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(new OpenSearchWriterFactory(),
                params(url), SCHEMA, records(2), 10, new TestPluginContext("es")));
        assertEquals(OpenSearchErrorCode.AUTH_FAILED, e.errorCode(), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
        assertFalse(PluginHarness.bind(new OpenSearchWriterFactory(), params(url)).toString().contains("s3cret-pw"));
    }
}
