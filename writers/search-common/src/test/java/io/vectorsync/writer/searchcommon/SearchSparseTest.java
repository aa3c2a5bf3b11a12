package io.vectorsync.writer.searchcommon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.record.SparseVector;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sparse vector mapping and encoding per flavour, and how NULL vectors are written. */
class SearchSparseTest {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.STRING)
            .field("vec", DataType.floatVector(2)).field("sp", DataType.SPARSE_VECTOR).field("title", DataType.STRING)
            .build();

    private static SearchBinding bind(SearchFlavor f, String action, boolean writeNull) {
        SearchDialect d = new SearchDialect(f, k -> CommonErrorCode.CONFIG_INVALID);
        Option<List<PluginConfig>> option = SearchColumnSpec.columnOption("");
        ConfigSpec spec = ConfigSpec.builder().add(option).build();
        Map<String, Object> raw = Map.of("column", List.of(Map.of("name", "id", "type", "id"), "vec", "sp", "title"));
        List<SearchColumn> cols = SearchColumn.parseAll(d, "s", spec.bind("s", raw).get(option));
        return SearchBinding.bind(d, "s", new ObjectMapper(), "idx", action, cols,
                SearchIdRule.parse(d, "s", cols, null), null, writeNull, "-,-", SCHEMA);
    }

    private static String document(SearchFlavor f, String action, boolean writeNull, Row r) throws Exception {
        SearchDocumentEncoder enc = bind(f, action, writeNull).encoder();
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = new ObjectMapper().getFactory().createGenerator(out)) {
            enc.writeDocument(r, gen);
        }
        return out.toString();
    }

    @Test
    void aSparseInputMapsToEachEnginesSparseType() {
        assertEquals(Map.of("type", "sparse_vector"),
                bind(SearchFlavor.ELASTICSEARCH, "index", true).columns().get(2).mapping(null, null));
        assertEquals(Map.of("type", "rank_features"),
                bind(SearchFlavor.OPENSEARCH, "index", true).columns().get(2).mapping("lucene", "l2"));
    }

    @Test
    void featureNamesAreTheIndicesAndZeroWeightsAreLeftOut() throws Exception {
        Row r = Row.of(SCHEMA, "a", new float[] {1, 0}, new SparseVector(new int[] {7, 1024, 2000},
                new float[] {0.5f, 0f, 1.25f}), "t");
        assertEquals("{\"vec\":[1.0,0.0],\"sp\":{\"7\":0.5,\"2000\":1.25},\"title\":\"t\"}",
                document(SearchFlavor.OPENSEARCH, "index", true, r));
    }

    @Test
    void aNegativeOrNonFiniteWeightIsRefusedNamingTheFieldAndIndex() {
        Row negative = Row.of(SCHEMA, "a", null, new SparseVector(new int[] {3, 9}, new float[] {0.5f, -0.1f}), "t");
        SearchDocumentEncoder.ValueException e = assertThrows(SearchDocumentEncoder.ValueException.class,
                () -> document(SearchFlavor.ELASTICSEARCH, "index", true, negative));
        assertEquals("field \"sp\" (sparse_vector): weight -0.1 at \"9\": Elasticsearch's sparse_vector stores only "
                + "positive finite weights", e.getMessage());
        Row nan = Row.of(SCHEMA, "a", null, new SparseVector(new int[] {3}, new float[] {Float.NaN}), "t");
        e = assertThrows(SearchDocumentEncoder.ValueException.class,
                () -> document(SearchFlavor.OPENSEARCH, "index", true, nan));
        assertEquals("field \"sp\" (rank_features): weight NaN at \"3\": OpenSearch's rank_features stores only "
                + "positive finite weights", e.getMessage());
    }

    @Test
    void nullVectorsAreLeftOutEvenWhenNullsAreWritten() throws Exception {
        Row r = Row.of(SCHEMA, "a", null, null, null);
        assertEquals("{\"title\":null}", document(SearchFlavor.ELASTICSEARCH, "index", true, r));
        assertEquals("{}", document(SearchFlavor.OPENSEARCH, "index", false, r));
        // a partial update with enableWriteNull clears the vectors stored before
        assertEquals("{\"vec\":null,\"sp\":null,\"title\":null}",
                document(SearchFlavor.ELASTICSEARCH, "update", true, r));
    }
}
