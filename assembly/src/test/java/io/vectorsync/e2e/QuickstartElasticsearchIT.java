package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.testkit.servers.SearchServerLauncher;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The second quickstart: the same sentences embedded in-process and written to a real Elasticsearch, then found
 * again by a kNN search.
 */
class QuickstartElasticsearchIT {
    @Test
    void sentencesLandInElasticsearchAndAreFoundByKnn() throws Exception {
        String home = System.getProperty("vectorsync.es.home");
        try (SearchServerLauncher.Server es = SearchServerLauncher.of(SearchServerLauncher.Flavor.ELASTICSEARCH,
                Path.of(home)).start()) {
            Distribution.Outcome o = Distribution.cli("run", "examples/quickstart-elasticsearch.json",
                    "-p", "ES_ENDPOINT=" + es.url(), "--progress-interval", "0");
            assertEquals(0, o.exitCode(), o.stderr());
            assertEquals(200, call(es, "GET", "/stsb_sentences/_count", null).get("count").asInt());
            JsonNode mapping = call(es, "GET", "/stsb_sentences/_mapping", null)
                    .at("/stsb_sentences/mappings/properties/sentence_vector");
            assertEquals("dense_vector", mapping.get("type").asText());
            assertEquals(384, mapping.get("dims").asInt());

            JsonNode first = call(es, "POST", "/stsb_sentences/_search",
                    "{\"size\":1,\"query\":{\"match_phrase\":{\"sentence\":\"A man with a hard hat is dancing.\"}}}")
                    .at("/hits/hits/0");
            JsonNode vector = first.at("/_source/sentence_vector");
            JsonNode hits = call(es, "POST", "/stsb_sentences/_search", "{\"knn\":{\"field\":\"sentence_vector\","
                    + "\"query_vector\":" + vector + ",\"k\":3,\"num_candidates\":50},\"_source\":[\"sentence\"]}")
                    .at("/hits/hits");
            assertEquals(first.get("_id").asText(), hits.get(0).get("_id").asText(), "the nearest document to a "
                    + "document's own vector is itself");
            assertTrue(hits.size() == 3);
        }
    }

    private static JsonNode call(SearchServerLauncher.Server es, String method, String path, String body)
            throws Exception {
        return JsonHttp.call(es.url(), method, path, body);
    }
}
