package io.vectorsync.writer.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.testkit.TestPluginContext;
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

    @Test
    void createsMissingIndexWithKnnVectorMappingAndWritesDocuments() throws Exception {
        TestPluginContext ctx = write(params("create-missing", "batchSize", "10"), records(0, 25, "hello"));

        JsonNode props = node().get("/create-missing/_mapping").path("create-missing").path("mappings").path("properties");
        assertEquals("knn_vector", props.path("vec").path("type").asText());
        assertEquals(DIM, props.path("vec").path("dimension").asInt());
        assertEquals("lucene", props.path("vec").path("method").path("engine").asText());
        assertEquals("cosinesimil", props.path("vec").path("method").path("space_type").asText());
        assertEquals("hnsw", props.path("vec").path("method").path("name").asText());
        assertEquals("true", node().get("/create-missing/_settings").path("create-missing").path("settings")
                .path("index").path("knn").asText());
        assertEquals("long", props.path("price").path("type").asText());
        assertEquals("text", props.path("text").path("type").asText());
        assertTrue(props.path("id").isMissingNode(), "the id column is the _id, not a field");
        assertEquals(25, node().count("create-missing"));
        JsonNode doc = node().source("create-missing", "7");
        assertEquals("hello 7", doc.get("text").asText());
        assertEquals(70, doc.get("price").asLong());
        assertEquals(vector(7)[3], (float) doc.get("vec").get(3).asDouble());
        assertEquals(25, ctx.counter(OpenSearchWriterTask.DOCUMENTS_WRITTEN));
        assertEquals(3, ctx.counter(OpenSearchWriterTask.BULK_REQUESTS), "25 documents in batches of 10");
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void writesIntoAnExistingIndexKeepingItsMapping() throws Exception {
        node().send("PUT", "/existing", Map.of("settings", Map.of("index.knn", true), "mappings",
                Map.of("properties", Map.of("vec", Map.of("type", "knn_vector", "dimension", DIM, "method",
                        Map.of("name", "hnsw", "engine", "lucene", "space_type", "l2")),
                "extra", Map.of("type", "keyword")))));
        write(params("existing"), records(0, 12, "x"));

        JsonNode props = node().get("/existing/_mapping").path("existing").path("mappings").path("properties");
        assertEquals("l2", props.path("vec").path("method").path("space_type").asText());
        assertEquals("keyword", props.path("extra").path("type").asText());
        assertEquals(12, node().count("existing"));
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
        assertEquals(4, ctx.counter(OpenSearchWriterTask.DOCUMENTS_WRITTEN));
    }
}
