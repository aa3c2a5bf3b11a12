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

    @Override
    protected void assertCreatedVectorField(String index, JsonNode vec) {
        assertEquals("cosine", vec.path("similarity").asText());
        assertTrue(vec.path("index").asBoolean());
    }

    @Override
    protected Map<String, Object> l2VectorMapping() {
        return Map.of("type", "dense_vector", "dims", DIM, "similarity", "l2_norm");
    }

    @Override
    protected String distance(JsonNode vecMapping) {
        return vecMapping.path("similarity").asText();
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
