package io.vectorsync.core.job;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DataWorks has one {@code stepType: opensearch} writer for every Alibaba Cloud OpenSearch edition. Here
 * {@code opensearch} is the Apache OpenSearch k-NN writer, and the Vector Search Edition (the HA3 engine) is the
 * {@code opensearch-vector} writer. A DataWorks script keeps {@code "stepType": "opensearch"} and is sent to the
 * Vector Search Edition writer when its datasource's {@code type} says so ({@code opensearch-vector}, {@code ha3})
 * or when the step sets {@code "edition": "vector"}.
 */
final class OpenSearchEdition {
    static final String VECTOR_WRITER = "opensearch-vector";
    private static final Set<String> VECTOR_TYPES = Set.of("opensearch-vector", "opensearch_vector",
            "opensearchvector", "ha3", "opensearch-ha3");
    private static final Set<String> VECTOR_EDITIONS = Set.of("vector", "vectorsearch", "vector-search", "ha3");

    private OpenSearchEdition() {
    }

    static boolean isVectorEdition(String datasourceType) {
        return datasourceType != null && VECTOR_TYPES.contains(datasourceType.trim().toLowerCase(Locale.ROOT));
    }

    /** The step type to load: {@code opensearch-vector} for an {@code opensearch} writer of the Vector Search Edition. */
    static String stepType(String stepType, StepCategory category, String datasourceType, Map<String, Object> parameters) {
        if (category != StepCategory.WRITER || !stepType.trim().equalsIgnoreCase("opensearch")) {
            return stepType;
        }
        Object edition = parameters.get("edition");
        boolean vector = isVectorEdition(datasourceType) || (edition instanceof String e
                && VECTOR_EDITIONS.contains(e.trim().toLowerCase(Locale.ROOT)));
        return vector ? VECTOR_WRITER : stepType;
    }
}
