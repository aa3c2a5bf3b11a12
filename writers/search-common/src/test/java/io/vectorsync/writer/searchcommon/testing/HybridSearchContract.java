package io.vectorsync.writer.searchcommon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.OutputType;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.model.bailian.BailianModelFactory;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import io.vectorsync.transformer.embedding.EmbeddingTransformerFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hybrid search, end to end on a writer's real node: the embedding step (provider {@code bailian}, {@code outputType:
 * dense&sparse}) embeds a small maintenance-manual corpus through {@link FakeModelStudio} (BM25 sparse weights,
 * keyword-blind dense vectors), the writer stores {@code vec} and {@code sp}, and for keyword-heavy queries
 * (error codes, part numbers, versions) a kNN query alone ranks another document first while the hybrid query
 * (kNN + the sparse field, as the engine spells it) ranks the expected one first.
 */
public abstract class HybridSearchContract {
    /** The corpus (written for this test). */
    static final List<String> CORPUS = List.of(
            "Pump maintenance: check the pump seals every month and replace the pump filter when the flow drops.",
            "Error E4711 means the thermal cutoff tripped; let the motor cool down before you restart it.",
            "The motor needs fresh oil every six months; check the oil level before you restart the motor.",
            "Valve V-220 leaks when its gasket is worn; order gasket kit GK-88 and replace the gasket.",
            "Replace the filter of the pump when the pressure drops below two bar.",
            "Error codes are shown on the display; the manual lists every error code with its fix.",
            "The conveyor belt must be tightened when it slips; check the belt tension every week.",
            "Firmware 3.2.7 fixes the display freeze; install the firmware update from the service menu.",
            "Check the pressure sensor cable when the display shows no pressure reading.",
            "Order spare parts through the service portal; every part has its own order number.");
    /** Query → the id of the document that answers it. */
    static final Map<String, String> QUERIES = Map.of(
            "pump E4711 thermal cutoff", "d2",
            "gasket kit GK-88 for the pump", "d4",
            "firmware 3.2.7 error display", "d8");
    private static final int DIMENSION = 64;
    private static final Schema INPUT = Schema.builder().field("id", DataType.STRING).field("text", DataType.STRING)
            .build();

    private final SearchProduct product;

    protected HybridSearchContract(SearchProduct product) {
        this.product = product;
    }

    private String url() {
        return product.url().get();
    }

    /** A search body ranking by kNN on {@code vec} alone. */
    protected abstract Map<String, Object> denseQuery(float[] vector);

    /** A search body ranking by kNN on {@code vec} plus the sparse field {@code sp}. */
    protected abstract Map<String, Object> hybridQuery(float[] vector, SparseVector sparse);

    private static Map<String, Object> modelParams(String endpoint, String textType) {
        Map<String, Object> p = new HashMap<>();
        p.put("modelName", "text-embedding-v4");
        p.put("apiKey", "sk-hybrid-test");
        p.put("endpoint", endpoint);
        p.put("dimension", DIMENSION);
        if (textType != null) {
            p.put("textType", textType); // the provider's parameter; the step passes it on (default document)
        }
        return p;
    }

    @Test
    void hybridSearchFindsTheKeywordDocumentThatDenseSearchMisses() throws Exception {
        try (FakeModelStudio model = new FakeModelStudio(CORPUS)) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < CORPUS.size(); i++) {
                rows.add(Row.of(INPUT, "d" + (i + 1), CORPUS.get(i)));
            }
            Map<String, Object> embed = modelParams(model.url(), null);
            embed.put("modelProvider", "bailian");
            embed.put("embeddingColumns", Map.of("sourceColumnNames", List.of("text"), "embeddingColumnName", "vec"));
            embed.put("outputType", "dense&sparse");
            embed.put("sparseEmbeddingColumnName", "sp");
            embed.put("persistentCache", Map.of("enabled", false));
            PluginHarness.TransformResult embedded = PluginHarness.transform(new EmbeddingTransformerFactory(), embed,
                    INPUT, rows, 10, new TestPluginContext("embed").withModel(new BailianModelFactory()));
            assertEquals(CORPUS.size(), embedded.records().size());

            String index = "hybrid-" + getClass().getSimpleName().toLowerCase();
            Map<String, Object> write = new HashMap<>();
            write.put("endpoint", url());
            write.put("index", index);
            write.put("cleanup", true);
            write.put("settings", Map.of("number_of_shards", 1, "number_of_replicas", 0));
            write.put("column", List.of(Map.of("name", "id", "type", "id"), "text", "vec", "sp"));
            TestPluginContext written = PluginHarness.write(product.writer(), write, embedded.schema(), embedded.records(), 10,
                    new TestPluginContext("write"));
            assertTrue(written.dirty().isEmpty(), written.dirty().toString());
            SearchTestClient node = new SearchTestClient(url());
            assertEquals(CORPUS.size(), node.count(index));

            BailianModelFactory provider = new BailianModelFactory();
            try (EmbeddingModel queries = provider.create(PluginHarness.bind(provider,
                    modelParams(model.url(), "query")), new TestPluginContext("query"))) {
                for (Map.Entry<String, String> q : QUERIES.entrySet()) {
                    Embeddings e = queries.embed(List.of(q.getKey()), OutputType.DENSE_AND_SPARSE).get();
                    String dense = top(node, index, denseQuery(e.vectors().get(0)));
                    String hybrid = top(node, index, hybridQuery(e.vectors().get(0), e.sparseVectors().get(0)));
                    assertNotEquals(q.getValue(), dense, "dense alone should miss \"" + q.getKey()
                            + "\" (it sees only " + model.denseWords(q.getKey()) + ")");
                    assertEquals(q.getValue(), hybrid, "hybrid search for \"" + q.getKey() + "\"");
                }
            }
            assertTrue(model.outputTypes().stream().allMatch("dense&sparse"::equals), model.outputTypes().toString());
        }
    }

    private static String top(SearchTestClient node, String index, Map<String, Object> body) throws Exception {
        JsonNode hits = node.send("POST", "/" + index + "/_search", body).path("hits").path("hits");
        return hits.path(0).path("_id").asText();
    }
}
