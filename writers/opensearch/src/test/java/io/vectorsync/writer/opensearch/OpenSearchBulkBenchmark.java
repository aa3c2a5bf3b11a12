package io.vectorsync.writer.opensearch;

import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.writer.searchcommon.testing.SearchBulkBenchmark;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The writer versus a raw {@code _bulk} upload on the module's OpenSearch node ({@link SearchBulkBenchmark}).
 * Run: {@code mvn -B -o -pl writers/opensearch test -Dtest=OpenSearchBulkBenchmark -Dbench}.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class OpenSearchBulkBenchmark extends SearchBulkBenchmark {
    @Override
    protected String url() {
        return OsTestServer.url();
    }

    @Override
    protected WriterFactory factory() {
        return new OpenSearchWriterFactory();
    }

    @Override
    protected String product() {
        return "opensearch";
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("number_of_shards", 1, "number_of_replicas", 0, "index.knn", true);
    }

    @Override
    protected Map<String, Object> vectorMapping() {
        return Map.of("type", "knn_vector", "dimension", DIM, "method",
                Map.of("name", "hnsw", "engine", "lucene", "space_type", "cosinesimil"));
    }

    @Override
    protected Map<String, Object> vectorColumn() {
        return Map.of("name", "vec", "type", "knn_vector", "dimension", DIM);
    }
}
