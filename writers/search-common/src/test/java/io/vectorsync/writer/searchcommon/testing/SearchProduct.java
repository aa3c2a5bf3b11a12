package io.vectorsync.writer.searchcommon.testing;

import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.writer.WriterFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the shared search writer tests need to know of one product: its node, its writer, its error codes and how it
 * declares vectors. Each writer module defines one next to its test server.
 *
 * @param name          the product name messages use, e.g. "Elasticsearch"
 * @param url           the base URL of the module's node (started on first use)
 * @param factory       the writer under test
 * @param codes         the writer's error code of a name ({@code DOCUMENT_REJECTED})
 * @param vectorType    the vector field type ({@code dense_vector}, {@code knn_vector})
 * @param dimensionKey  the name of the dimension in the mapping and in messages ({@code dims}, {@code dimension})
 * @param indexSettings the settings of an index a test creates itself (k-NN on, for OpenSearch)
 * @param vectorMethod  the {@code method} of a vector field in an index a test creates itself; empty when none
 */
public record SearchProduct(String name, Supplier<String> url, Supplier<WriterFactory> factory,
                            Function<String, ErrorCode> codes, String vectorType, String dimensionKey,
                            Map<String, Object> indexSettings, Map<String, Object> vectorMethod) {
    /** The type and dimension of a vector field: a writer's {@code column} entry without its name. */
    public Map<String, Object> vectorColumn(Object dimension) {
        return Map.of("type", vectorType, dimensionKey, dimension);
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
