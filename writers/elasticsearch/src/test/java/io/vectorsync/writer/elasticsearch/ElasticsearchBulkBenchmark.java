package io.vectorsync.writer.elasticsearch;

import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.writer.searchcommon.testing.SearchBulkBenchmark;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The writer versus a raw {@code _bulk} upload on the module's Elasticsearch node ({@link SearchBulkBenchmark}).
 * Run: {@code mvn -B -o -pl writers/elasticsearch test -Dtest=ElasticsearchBulkBenchmark -Dbench}.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class ElasticsearchBulkBenchmark extends SearchBulkBenchmark {
    @Override
    protected String url() {
        return EsTestServer.url();
    }

    @Override
    protected WriterFactory factory() {
        return new ElasticsearchWriterFactory();
    }

    @Override
    protected String product() {
        return "elasticsearch";
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("number_of_shards", 1, "number_of_replicas", 0);
    }

    @Override
    protected Map<String, Object> vectorMapping() {
        return Map.of("type", "dense_vector", "dims", DIM, "index", true, "similarity", "cosine");
    }

    @Override
    protected Map<String, Object> vectorColumn() {
        return Map.of("name", "vec", "type", "dense_vector", "dims", DIM);
    }
}
