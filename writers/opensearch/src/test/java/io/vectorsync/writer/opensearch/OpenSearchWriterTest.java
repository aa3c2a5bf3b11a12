package io.vectorsync.writer.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.testkit.TestPluginContext;
import io.vectorsync.writer.searchcommon.SearchBulkItems;
import io.vectorsync.writer.searchcommon.testing.SearchWriterTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The writer against a real OpenSearch 2.19.1 node with the k-NN plugin (lucene engine): the shared search writer
 * tests, the k-NN mapping it creates and DataWorks' parameter names.
 */
class OpenSearchWriterTest extends SearchWriterTestBase {
    OpenSearchWriterTest() {
        super(OsTestServer.PRODUCT);
    }

    @Override
    protected Map<String, Object> textVectorColumn() {
        return Map.of("name", "vec", "type", "dense_vector", "dims", 3, "similarity", "l2_norm");
    }

    @Override
    protected JsonNode knnSearch(String index, float[] query, int k) throws Exception {
        return node().send("POST", "/" + index + "/_search", Map.of("size", k, "query", Map.of("knn",
                Map.of("vec", Map.of("vector", query, "k", k))))).path("hits").path("hits");
    }

    @Override
    protected void assertCreatedVectorField(String index, JsonNode vec) throws Exception {
        assertEquals("lucene", vec.path("method").path("engine").asText());
        assertEquals("cosinesimil", vec.path("method").path("space_type").asText());
        assertEquals("hnsw", vec.path("method").path("name").asText());
        assertEquals("true", node().get("/" + index + "/_settings").path(index).path("settings")
                .path("index").path("knn").asText());
    }

    @Override
    protected Map<String, Object> l2VectorMapping() {
        return Map.of("type", "knn_vector", "dimension", DIM, "method",
                Map.of("name", "hnsw", "engine", "lucene", "space_type", "l2"));
    }

    @Override
    protected String distance(JsonNode vecMapping) {
        return vecMapping.path("method").path("space_type").asText();
    }

    @Test
    void anExistingIndexWithoutKnnEnabledIsExplained() throws Exception {
        node().send("PUT", "/noknn", Map.of("mappings", Map.of("properties", Map.of("text", Map.of("type", "text")))));
        PluginException e = assertThrows(PluginException.class, () -> write(params("noknn"), records(0, 2, "n")));
        assertEquals(OpenSearchErrorCode.REQUEST_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains("\"index.knn\": true") && e.getMessage().contains("cleanup"), e.getMessage());
        assertEquals(0, node().count("noknn"));
    }

    @Test
    void acceptsDataWorksOpenSearchWriterNames() throws Exception {
        Map<String, Object> p = params("unused", "writeMode", "add", "spaceType", "l2", "pageSize", 100, "version", "v3");
        p.remove("endpoint");
        p.remove("index");
        p.put("host", url());
        p.put("indexName", "dataworks-names");
        TestPluginContext ctx = write(p, records(0, 4, "dw"));
        assertEquals(4, node().count("dataworks-names"));
        assertEquals("l2", node().get("/dataworks-names/_mapping").path("dataworks-names").path("mappings")
                .path("properties").path("vec").path("method").path("space_type").asText());
        assertEquals(4, ctx.counter(SearchBulkItems.DOCUMENTS_WRITTEN));
    }
}
