package io.vectorsync.writer.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import io.vectorsync.writer.searchcommon.testing.SearchWriterTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer against a real Elasticsearch 8.15 node: the shared search writer tests and the mapping it creates. */
class ElasticsearchWriterTest extends SearchWriterTestBase {
    ElasticsearchWriterTest() {
        super(EsTestServer.PRODUCT);
    }

    @Override
    protected JsonNode knnSearch(String index, float[] query, int k) throws Exception {
        return node().send("POST", "/" + index + "/_search", Map.of("knn", Map.of("field", "vec", "query_vector", query,
                "k", k, "num_candidates", 40))).path("hits").path("hits");
    }

    @Test
    void createsMissingIndexWithDenseVectorMappingAndWritesDocuments() throws Exception {
        TestPluginContext ctx = write(params("create-missing", "batchSize", "10"), records(0, 25, "hello"));

        JsonNode props = node().get("/create-missing/_mapping").path("create-missing").path("mappings").path("properties");
        assertEquals("dense_vector", props.path("vec").path("type").asText());
        assertEquals(DIM, props.path("vec").path("dims").asInt());
        assertEquals("cosine", props.path("vec").path("similarity").asText());
        assertTrue(props.path("vec").path("index").asBoolean());
        assertEquals("long", props.path("price").path("type").asText());
        assertEquals("text", props.path("text").path("type").asText());
        assertTrue(props.path("id").isMissingNode(), "the id column is the _id, not a field");
        assertEquals(25, node().count("create-missing"));
        JsonNode doc = node().source("create-missing", "7");
        assertEquals("hello 7", doc.get("text").asText());
        assertEquals(70, doc.get("price").asLong());
        assertEquals(vector(7)[3], (float) doc.get("vec").get(3).asDouble());
        assertEquals(25, ctx.counter(ElasticsearchWriterTask.DOCUMENTS_WRITTEN));
        assertEquals(3, ctx.counter(ElasticsearchWriterTask.BULK_REQUESTS), "25 documents in batches of 10");
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void writesIntoAnExistingIndexKeepingItsMapping() throws Exception {
        node().send("PUT", "/existing", Map.of("mappings", Map.of("properties", Map.of(
                "vec", Map.of("type", "dense_vector", "dims", DIM, "similarity", "l2_norm"),
                "extra", Map.of("type", "keyword")))));
        write(params("existing"), records(0, 12, "x"));

        JsonNode props = node().get("/existing/_mapping").path("existing").path("mappings").path("properties");
        assertEquals("l2_norm", props.path("vec").path("similarity").asText());
        assertEquals("keyword", props.path("extra").path("type").asText());
        assertEquals(12, node().count("existing"));
    }

    @Test
    void anAbortedRunLeavesTheSentDocumentsAndTheIndexButSetsNoAliasAndARerunWritesEachDocumentOnce()
            throws Exception {
        Map<String, Object> p = params("aborted", "batchSize", "4", "alias", "aborted-alias");
        try (var w = factory().create(PluginHarness.bind(factory(), p), new TestPluginContext(STEP))) {
            w.bind(SCHEMA);
            w.check();
            w.prepare();
            try (var t = w.openTask(0)) {
                // request 1 (ids 0-3) is answered before request 2 (ids 4-7) goes out; 8 and 9 stay buffered
                t.write(records(0, 10, "a"));
                t.abort(new RuntimeException("cancelled"));
            }
            w.abort(new RuntimeException("cancelled"));
        }
        long count = node().count("aborted");
        // request 2 was in flight when the task aborted: the cluster may have applied it
        assertTrue(count >= 4 && count <= 8, "count " + count);
        for (String id : List.of("0", "3")) {
            assertEquals(200, node().status("GET", "/aborted/_doc/" + id), "sent documents stay");
        }
        for (String id : List.of("8", "9")) {
            assertEquals(404, node().status("GET", "/aborted/_doc/" + id), "buffered documents are never sent");
        }
        assertEquals(404, node().status("GET", "/_alias/aborted-alias"), "no alias after a failed run");

        write(params("aborted", "alias", "aborted-alias"), records(0, 10, "a"));
        assertEquals(10, node().count("aborted-alias"), "index with ids: the rerun leaves each document once");
    }
}
