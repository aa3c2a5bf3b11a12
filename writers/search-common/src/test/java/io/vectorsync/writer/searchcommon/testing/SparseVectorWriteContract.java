package io.vectorsync.writer.searchcommon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What both search writers must do with sparse vectors and NULL vectors, against their real node: the sparse
 * field's mapping type, feature names = indices, zero weights left out, a negative weight a dirty record, and a
 * NULL dense or sparse vector a document without that field.
 */
public abstract class SparseVectorWriteContract {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
            .field("vec", DataType.floatVector(3)).field("sp", DataType.SPARSE_VECTOR).build();

    private final SearchProduct product;

    protected SparseVectorWriteContract(SearchProduct product) {
        this.product = product;
    }

    private String url() {
        return product.url().get();
    }

    private String sparseType() {
        return product.sparseType();
    }

    @Test
    void sparseVectorsAreWrittenByIndexAndNullVectorsLeaveTheFieldOut() throws Exception {
        SearchTestClient node = new SearchTestClient(url());
        String index = "sparse-" + sparseType().replace('_', '-');
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", url());
        p.put("index", index);
        p.put("cleanup", true);
        p.put("settings", Map.of("number_of_shards", 1, "number_of_replicas", 0));
        p.put("column", List.of(Map.of("name", "id", "type", "id"), "text", "vec", "sp"));
        List<Row> rows = List.of(
                Row.of(SCHEMA, 1L, "one", new float[] {1, 0, 0},
                        new SparseVector(new int[] {7, 1024, 250002}, new float[] {0.5f, 0f, 1.25f})),
                // an empty text embedded with nullAsEmptyString: both vectors NULL
                Row.of(SCHEMA, 2L, "", null, null),
                Row.of(SCHEMA, 3L, "three", new float[] {0, 1, 0},
                        new SparseVector(new int[] {3, 9}, new float[] {0.5f, -0.25f})));
        TestPluginContext ctx = PluginHarness.write(product.writer(), p, SCHEMA, rows, 10, new TestPluginContext("w"));

        JsonNode props = node.get("/" + index + "/_mapping").path(index).path("mappings").path("properties");
        assertEquals(sparseType(), props.path("sp").path("type").asText(), props.toString());
        assertEquals(2, node.count(index));
        JsonNode one = node.source(index, "1");
        assertEquals(Map.of("7", 0.5, "250002", 1.25), Map.of("7", one.path("sp").path("7").asDouble(),
                "250002", one.path("sp").path("250002").asDouble()));
        assertEquals(2, one.path("sp").size(), "the zero weight is left out: " + one);
        JsonNode two = node.source(index, "2");
        assertTrue(!two.has("vec") && !two.has("sp"), "NULL vectors are left out: " + two);
        assertEquals(1, ctx.dirty().size());
        assertEquals(3L, ctx.dirty().get(0).record().get(0));
        assertTrue(ctx.dirty().get(0).message().contains("weight -0.25 at \"9\": " + product.name() + "'s " + sparseType()
                + " stores only positive finite weights"), ctx.dirty().get(0).message());
    }
}
