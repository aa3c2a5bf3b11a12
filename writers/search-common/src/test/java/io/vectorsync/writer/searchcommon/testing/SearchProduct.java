package io.vectorsync.writer.searchcommon.testing;

import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.writer.searchcommon.SearchFlavor;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the shared search writer tests need to know of one product: its node, its writer, its error codes and how it
 * declares vectors. Each writer module defines one next to its test server.
 *
 * @param flavor        the search engine: product name, vector and sparse types, dimension key
 * @param url           the base URL of the module's node (started on first use)
 * @param factory       the writer under test
 * @param codes         the writer's error code of a name ({@code DOCUMENT_REJECTED})
 * @param indexSettings the settings of an index a test creates itself (k-NN on, for OpenSearch)
 * @param vectorMethod  the {@code method} of a vector field in an index a test creates itself; empty when none
 */
public record SearchProduct(SearchFlavor flavor, Supplier<String> url, Supplier<WriterFactory> factory,
                            Function<String, ErrorCode> codes, Map<String, Object> indexSettings,
                            Map<String, Object> vectorMethod) {
    /** The product name messages use, e.g. "Elasticsearch". */
    public String name() {
        return flavor.product();
    }

    /** The vector field type ({@code dense_vector}, {@code knn_vector}). */
    public String vectorType() {
        return flavor.vectorType();
    }

    /** The name of the dimension in the mapping and in messages ({@code dims}, {@code dimension}). */
    public String dimensionKey() {
        return flavor.dimsKey();
    }

    /** The sparse vector field type ({@code sparse_vector}, {@code rank_features}). */
    public String sparseType() {
        return flavor.sparseType();
    }

    /** The writer under test. */
    public WriterFactory writer() {
        return factory.get();
    }

    /** The writer's error code named {@code name}, e.g. {@code UNAVAILABLE}. */
    public ErrorCode code(String name) {
        return codes.apply(name);
    }
    /** The type and dimension of a vector field: a writer's {@code column} entry without its name. */
    public Map<String, Object> vectorColumn(Object dimension) {
        return Map.of("type", vectorType(), dimensionKey(), dimension);
    }

    /** The mapping of a vector field of {@code dimension} dimensions, with {@link #vectorMethod()}. */
    public Map<String, Object> vectorMapping(int dimension) {
        Map<String, Object> m = new HashMap<>(vectorColumn(dimension));
        if (!vectorMethod.isEmpty()) {
            m.put("method", vectorMethod);
        }
        return m;
    }

    public SearchTestClient client() {
        return new SearchTestClient(url.get());
    }
}
