package io.vectorsync.writer.searchcommon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.config.ConfigIssue;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flavour-specific parts of column parsing, mapping and encoding. */
class SearchColumnTest {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.STRING)
            .field("vec", DataType.floatVector(2)).build();

    private static SearchDialect dialect(SearchFlavor f) {
        return new SearchDialect(f, k -> k == SearchErrorKind.DIMENSION_MISMATCH ? CommonErrorCode.DIMENSION_MISMATCH
                : CommonErrorCode.CONFIG_INVALID);
    }

    private static SearchBinding bind(SearchFlavor f, String action, Object vecColumn) {
        SearchDialect d = dialect(f);
        List<SearchColumn> cols = SearchColumn.parseAll(d, "s", entries(List.of(Map.of("name", "id", "type", "id"),
                vecColumn)));
        return SearchBinding.bind(d, "s", new ObjectMapper(), "idx", action, cols,
                SearchIdRule.parse(d, "s", cols, null), null, true, "-,-", SCHEMA);
    }

    /** The {@code column} value as the core hands it to the writer: validated, then bound. */
    @SuppressWarnings("unchecked")
    private static List<PluginConfig> entries(List<Object> column) {
        Option<List<PluginConfig>> option = SearchColumnSpec.columnOption("");
        ConfigSpec spec = ConfigSpec.builder().add(option).build();
        Map<String, Object> raw = Map.of("column", column);
        List<ConfigIssue> issues = spec.validate(raw);
        if (!issues.isEmpty()) {
            throw new IllegalArgumentException(issues.toString());
        }
        return spec.bind("s", raw).get(option);
    }

    @Test
    void everyProblemOfEveryEntryIsReportedAtOnceAtItsPath() {
        ConfigSpec spec = ConfigSpec.builder().add(SearchColumnSpec.columnOption("")).build();
        List<ConfigIssue> issues = spec.validate(Map.of("column", List.of("id",
                Map.of("name", "vec", "dims", "many", "similarty", "cosine"), Map.of("type", "text"), 7.5)));
        List<String> found = issues.stream().map(i -> i.key() + ": " + i.message()).toList();
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("column[1].similarty: unknown parameter; did you mean \"similarity\"?"),
                found.toString());
        assertTrue(found.get(1).startsWith("column[1].dims: "), found.toString());
        assertTrue(found.get(2).startsWith("column[2].name: required parameter is missing"), found.toString());
    }

    @Test
    void theDocsListTheColumnKeys() {
        String md = ConfigSpec.builder().add(SearchColumnSpec.columnOption("")).build().toMarkdown();
        assertTrue(md.contains("| `column[].dims` (also dimension) | int |"), md);
        assertTrue(md.contains("| `column[].name` | string |  | yes |"), md);
    }

    @Test
    void elasticsearchMapsADenseVector() {
        SearchColumn vec = bind(SearchFlavor.ELASTICSEARCH, "index", Map.of("name", "vec", "similarity", "dot_product"))
                .columns().get(1);
        assertEquals(Map.of("type", "dense_vector", "dims", 2, "index", true, "similarity", "dot_product"),
                vec.mapping(null, null));
    }

    @Test
    void openSearchMapsAKnnVectorAndTranslatesTheSimilarity() {
        SearchColumn vec = bind(SearchFlavor.OPENSEARCH, "index", Map.of("name", "vec", "type", "dense_vector",
                "similarity", "dot_product", "dimension", "2")).columns().get(1);
        assertEquals(Map.of("type", "knn_vector", "dimension", 2, "method", Map.of("name", "hnsw", "engine", "lucene",
                "space_type", "innerproduct")), vec.mapping("lucene", "cosinesimil"));
    }

    @Test
    void aDeclaredDimensionOtherThanTheInputsIsRefused() {
        PluginException e = assertThrows(PluginException.class,
                () -> bind(SearchFlavor.OPENSEARCH, "index", Map.of("name", "vec", "dims", 3)));
        assertEquals(CommonErrorCode.DIMENSION_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("declares dims 3 but the input field has 2"), e.getMessage());
    }

    @Test
    void anUpdateBecomesAPartialDocumentWithUpsert() throws Exception {
        SearchDocumentEncoder enc = bind(SearchFlavor.ELASTICSEARCH, "update", Map.of("name", "vec")).encoder();
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = new ObjectMapper().getFactory().createGenerator(out)) {
            gen.setRootValueSeparator(null);
            enc.encode(Row.of(SCHEMA, "a", new float[] {1, 0.5f}), gen);
        }
        assertEquals("{\"update\":{\"_index\":\"idx\",\"_id\":\"a\"}}\n"
                + "{\"doc\":{\"vec\":[1.0,0.5]},\"doc_as_upsert\":true}\n", out.toString());
    }

    @Test
    void aNonFiniteVectorValueNamesTheFieldAndTheProduct() throws Exception {
        SearchDocumentEncoder enc = bind(SearchFlavor.OPENSEARCH, "index", Map.of("name", "vec")).encoder();
        SearchDocumentEncoder.ValueException e = assertThrows(SearchDocumentEncoder.ValueException.class, () -> {
            try (JsonGenerator gen = new ObjectMapper().getFactory().createGenerator(new StringWriter())) {
                enc.writeDocument(Row.of(SCHEMA, "a", new float[] {Float.NaN, 1}), gen);
            }
        });
        assertEquals("field \"vec\" (knn_vector): vector holds NaN, which OpenSearch cannot store", e.getMessage());
    }
}
