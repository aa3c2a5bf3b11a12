package io.vectorsync.writer.opensearch;

import io.vectorsync.api.record.SparseVector;
import io.vectorsync.writer.searchcommon.testing.HybridSearchContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hybrid search on the real OpenSearch node (k-NN plugin, mapper-extras): a {@code knn} query on the knn_vector,
 * and the same plus one {@code rank_feature} query per query token on {@code sp.<index>} with the {@code linear}
 * function and the token's weight as boost, in a {@code bool} (the sum is the dot product).
 */
class OpenSearchHybridSearchTest extends HybridSearchContract {
    OpenSearchHybridSearchTest() {
        super(OsTestServer.PRODUCT);
    }

    private static Map<String, Object> knn(float[] vector) {
        return Map.of("knn", Map.of("vec", Map.of("vector", vector, "k", 10)));
    }

    @Override
    protected Map<String, Object> denseQuery(float[] vector) {
        return Map.of("size", 3, "query", knn(vector));
    }

    @Override
    protected Map<String, Object> hybridQuery(float[] vector, SparseVector sparse) {
        List<Object> should = new ArrayList<>();
        should.add(knn(vector));
        for (int i = 0; i < sparse.size(); i++) {
            should.add(Map.of("rank_feature", Map.of("field", "sp." + sparse.index(i), "linear", Map.of(),
                    "boost", sparse.value(i))));
        }
        return Map.of("size", 3, "query", Map.of("bool", Map.of("should", should)));
    }
}
