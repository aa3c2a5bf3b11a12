package io.vectorsync.writer.searchcommon;

/**
 * Which search engine a writer speaks to: the product name used in messages and the type names its mapping uses
 * for float vectors ({@code dense_vector} / {@code knn_vector}) and sparse vectors.
 */
public enum SearchFlavor {
    /** Elasticsearch 7/8: {@code dense_vector} with {@code dims}/{@code similarity}. */
    ELASTICSEARCH("Elasticsearch", "dense_vector", "sparse_vector"),
    /** OpenSearch with the k-NN plugin: {@code knn_vector} with {@code dimension} and an HNSW {@code method}. */
    OPENSEARCH("OpenSearch", "knn_vector", "object");

    private final String product;
    private final String vectorType;
    private final String sparseType;

    SearchFlavor(String product, String vectorType, String sparseType) {
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

    /** The mapping type a sparse vector input becomes. */
    public String sparseType() {
        return sparseType;
    }
}
