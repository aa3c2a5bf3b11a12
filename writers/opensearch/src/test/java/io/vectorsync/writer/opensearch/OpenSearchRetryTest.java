package io.vectorsync.writer.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import io.vectorsync.writer.searchcommon.testing.BulkRetryContract;
import io.vectorsync.writer.searchcommon.testing.FakeSearchCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Throttling, server errors, refused credentials, the stop signal and idempotence (the shared contract), plus a
 * cluster without the k-NN plugin and abort, against a loopback fake of the REST API.
 */
class OpenSearchRetryTest extends BulkRetryContract {
    @Override
    protected WriterFactory factory() {
        return new OpenSearchWriterFactory();
    }

    @Override
    protected ErrorCode unavailable() {
        return OpenSearchErrorCode.UNAVAILABLE;
    }

    @Override
    protected ErrorCode authFailed() {
        return OpenSearchErrorCode.AUTH_FAILED;
    }

    @Test
    void aClusterWithoutTheKnnPluginFailsAtCheckWithAClearMessage() throws Exception {
        String url = start(n -> FakeSearchCluster.BULK_OK);
        cluster.plugins = "[{\"name\":\"node-1\",\"component\":\"analysis-icu\",\"version\":\"2.19.1\"}]";
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(factory(), params(url),
                SCHEMA, records(2), 10, new TestPluginContext("os")));
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
    void abortDropsTheUnsentDocumentsAndSkipsRefreshAndAlias() throws Exception {
        String url = start(n -> new FakeSearchCluster.Reply(200, "{\"took\":1,\"errors\":false,\"items\":["
                + "{\"index\":{\"_index\":\"i\",\"_id\":\"r0\",\"status\":201}},"
                + "{\"index\":{\"_index\":\"i\",\"_id\":\"r1\",\"status\":201}}]}"));
        Map<String, Object> p = params(url);
        p.put("batchSize", 2);
        p.put("alias", "current");
        try (Writer w = openWriter(p, new TestPluginContext("os"))) {
            try (WriterTask t = w.openTask(0)) {
                t.write(records(3)); // r0, r1 are sent; r2 stays buffered
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

    @Test
    void dataWorksWriteModeAddIsIdempotentLikeIndex() {
        Map<String, Object> p = params("http://127.0.0.1:1");
        p.put("writeMode", "add");
        assertTrue(idempotence(p).idempotent());
    }
}
