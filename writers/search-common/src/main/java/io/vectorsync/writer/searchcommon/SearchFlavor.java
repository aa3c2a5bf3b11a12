package io.vectorsync.writer.searchcommon;

/**
 * Which search engine a writer speaks to: the product name used in messages and the type names its mapping uses
 * for float vectors ({@code dense_vector} / {@code knn_vector}) and sparse vectors.
 */
public enum SearchFlavor {
    /** Elasticsearch 7/8: {@code dense_vector} with {@code dims}/{@code similarity}. */
    ELASTICSEARCH("Elasticsearch", "dense_vector", "dims", "sparse_vector"),
    /**
     * OpenSearch with the k-NN plugin: {@code knn_vector} with {@code dimension} and an HNSW {@code method}; sparse
     * vectors are {@code rank_features}.
     */
    OPENSEARCH("OpenSearch", "knn_vector", "dimension", "rank_features");

    private final String product;
    private final String vectorType;
    private final String dimsKey;
    private final String sparseType;

    SearchFlavor(String product, String vectorType, String dimsKey, String sparseType) {
        this.dimsKey = dimsKey;
        this.product = product;
        this.vectorType = vectorType;
        this.sparseType = sparseType;
    }

    /** The product name used in messages, e.g. "Elasticsearch". */
    public String product() {
        return product;
    }

    /** The mapping type of a float vector field. */
    public String vectorType() {
        return vectorType;
    }

    /** The key of a vector field's dimension in the mapping ({@code dims} / {@code dimension}). */
    public String dimsKey() {
        return dimsKey;
    }

    /** The mapping type of a sparse vector field: {@code sparse_vector} / {@code rank_features}. */
    public String sparseType() {
        return sparseType;
    }
}
