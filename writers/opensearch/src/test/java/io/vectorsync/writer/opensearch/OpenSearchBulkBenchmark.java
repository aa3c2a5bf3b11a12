package io.vectorsync.writer.opensearch;

import io.vectorsync.writer.searchcommon.testing.SearchBulkBenchmark;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The writer versus a raw {@code _bulk} upload on the module's OpenSearch node ({@link SearchBulkBenchmark}).
 * Run: {@code mvn -B -o -pl writers/opensearch test -Dtest=OpenSearchBulkBenchmark -Dbench}.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class OpenSearchBulkBenchmark extends SearchBulkBenchmark {
    OpenSearchBulkBenchmark() {
        super(OsTestServer.PRODUCT);
    }

    @Override
    protected Map<String, Object> vectorMapping() {
        return Map.of("type", "knn_vector", "dimension", DIM, "method",
                Map.of("name", "hnsw", "engine", "lucene", "space_type", "cosinesimil"));
    }
}
