package io.vectorsync.writer.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import io.vectorsync.writer.searchcommon.testing.BulkRetryContract;
import io.vectorsync.writer.searchcommon.testing.FakeSearchCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Throttling, server errors, refused credentials, the stop signal and idempotence (the shared contract), plus a
 * cluster without the k-NN plugin, against a loopback fake of the REST API.
 */
class OpenSearchRetryTest extends BulkRetryContract {
    OpenSearchRetryTest() {
        super(OsTestServer.PRODUCT);
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
    void dataWorksWriteModeAddIsIdempotentLikeIndex() {
        Map<String, Object> p = params("http://127.0.0.1:1");
        p.put("writeMode", "add");
        assertTrue(idempotence(p).idempotent());
    }
}
