package io.vectorsync.writer.elasticsearch;

import io.vectorsync.writer.searchcommon.testing.SearchBulkBenchmark;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The writer versus a raw {@code _bulk} upload on the module's Elasticsearch node ({@link SearchBulkBenchmark}).
 * Run: {@code mvn -B -o -pl writers/elasticsearch test -Dtest=ElasticsearchBulkBenchmark -Dbench}.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class ElasticsearchBulkBenchmark extends SearchBulkBenchmark {
    ElasticsearchBulkBenchmark() {
        super(EsTestServer.PRODUCT);
    }

    @Override
    protected Map<String, Object> vectorMapping() {
        return Map.of("type", "dense_vector", "dims", DIM, "index", true, "similarity", "cosine");
    }
}
