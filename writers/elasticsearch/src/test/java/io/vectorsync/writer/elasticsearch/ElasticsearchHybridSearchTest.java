package io.vectorsync.writer.elasticsearch;

import io.vectorsync.api.record.SparseVector;
import io.vectorsync.writer.searchcommon.testing.HybridSearchContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hybrid search on the real Elasticsearch node: a {@code knn} query on the dense_vector, and the same plus a
 * {@code bool} of {@code term} queries on the sparse_vector field, one per query token with the token's weight as
 * boost (each scores weight × stored weight, Lucene's linear FeatureField query; the sum is the dot product).
 */
class ElasticsearchHybridSearchTest extends HybridSearchContract {
    ElasticsearchHybridSearchTest() {
        super(EsTestServer.PRODUCT);
    }

    private static Map<String, Object> knn(float[] vector) {
        return Map.of("knn", Map.of("field", "vec", "query_vector", vector, "num_candidates", 20));
    }

    @Override
    protected Map<String, Object> denseQuery(float[] vector) {
        return Map.of("size", 3, "query", knn(vector));
    }

    @Override
    protected Map<String, Object> hybridQuery(float[] vector, SparseVector sparse) {
        List<Object> terms = new ArrayList<>();
        for (int i = 0; i < sparse.size(); i++) {
            terms.add(Map.of("term", Map.of("sp", Map.of("value", Integer.toString(sparse.index(i)),
                    "boost", sparse.value(i)))));
        }
        return Map.of("size", 3, "query", Map.of("bool", Map.of("should",
                List.of(knn(vector), Map.of("bool", Map.of("should", terms))))));
    }
}
