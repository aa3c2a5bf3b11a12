package io.vectorsync.writer.searchcommon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import io.vectorsync.writer.searchcommon.SearchBulkItems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the Elasticsearch and OpenSearch writers both do, against the module's real node: actions, dirty records,
 * k-NN search of what was written, checks before writing, cleanup, byte budgets, dynamic mapping and aliases, ids.
 * Each writer's test extends this with its {@link SearchProduct} and its k-NN query, and adds what only its product
 * has.
 */
public abstract class SearchWriterTestBase {
    /** The vectors' dimension. */
    protected static final int DIM = 8;
    /** The step name the writer runs under. */
    protected static final String STEP = "search-writer";
    protected static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
            .field("price", DataType.STRING).field("vec", DataType.floatVector(DIM)).build();

    private final SearchProduct product;

    protected SearchWriterTestBase(SearchProduct product) {
        this.product = product;
    }

    /** The hits of the {@code k} nearest documents to {@code query} in the {@code vec} field of {@code index}. */
    protected abstract JsonNode knnSearch(String index, float[] query, int k) throws Exception;

    /**
     * Checks what is the product's own in the {@code vec} field the writer mapped when it created {@code index}
     * (distance, HNSW method, index settings); the type and dimension are checked here.
     */
    protected abstract void assertCreatedVectorField(String index, JsonNode vec) throws Exception;

    /** A mapping of a {@link #DIM}-dimension vector field with the l2 distance, which the writer does not choose. */
    protected abstract Map<String, Object> l2VectorMapping();

    /** The distance in a vector field's mapping ({@code similarity} / the method's {@code space_type}). */
    protected abstract String distance(JsonNode vecMapping);

    /** The {@code column} entry of a 3-dimension {@code vec} field for a writer given vectors as JSON text. */
    protected Map<String, Object> textVectorColumn() {
        return Map.of("name", "vec", "type", "dense_vector", "dims", 3);
    }

    protected SearchTestClient node() {
        return product.client();
    }

    protected String url() {
        return product.url().get();
    }

    protected WriterFactory factory() {
        return product.factory().get();
    }

    private ErrorCode code(String name) {
        return product.codes().apply(name);
    }

    protected static float[] vector(int i) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) Math.sin(i * 0.7 + d * 1.3) + (d == i % DIM ? 2f : 0f);
        }
        return v;
    }

    protected static List<Row> records(int from, int to, String textPrefix) {
        List<Row> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Row.of(SCHEMA, (long) i, textPrefix + " " + i, Integer.toString(i * 10), vector(i)));
        }
        return out;
    }

    protected Map<String, Object> params(String index, Object... extra) {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", url());
        p.put("index", index);
        Map<String, Object> vec = new HashMap<>(product.vectorColumn(String.valueOf(DIM)));
        vec.put("name", "vec");
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "text", "type", "text"),
                Map.of("name", "price", "type", "long"), vec));
        p.put("settings", Map.of("number_of_shards", 1, "number_of_replicas", 0));
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return p;
    }

    protected TestPluginContext write(Map<String, Object> params, List<Row> records) throws Exception {
        return PluginHarness.write(factory(), params, SCHEMA, records, 7, new TestPluginContext(STEP));
    }

    private void createIndex(String index, Map<String, Object> properties) throws Exception {
        node().send("PUT", "/" + index, Map.of("settings", product.indexSettings(),
                "mappings", Map.of("properties", properties)));
    }

    private JsonNode properties(String index) throws Exception {
        return node().get("/" + index + "/_mapping").path(index).path("mappings").path("properties");
    }

    @Test
    void createsAMissingIndexWithAVectorMappingAndWritesDocuments() throws Exception {
        TestPluginContext ctx = write(params("create-missing", "batchSize", "10"), records(0, 25, "hello"));

        JsonNode props = properties("create-missing");
        assertEquals(product.vectorType(), props.path("vec").path("type").asText());
        assertEquals(DIM, props.path("vec").path(product.dimensionKey()).asInt());
        assertCreatedVectorField("create-missing", props.path("vec"));
        assertEquals("long", props.path("price").path("type").asText());
        assertEquals("text", props.path("text").path("type").asText());
        assertTrue(props.path("id").isMissingNode(), "the id column is the _id, not a field");
        assertEquals(25, node().count("create-missing"));
        JsonNode doc = node().source("create-missing", "7");
        assertEquals("hello 7", doc.get("text").asText());
        assertEquals(70, doc.get("price").asLong());
        assertEquals(vector(7)[3], (float) doc.get("vec").get(3).asDouble());
        assertEquals(25, ctx.counter(SearchBulkItems.DOCUMENTS_WRITTEN));
        assertEquals(3, ctx.counter(SearchBulkItems.BULK_REQUESTS), "25 documents in batches of 10");
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void writesIntoAnExistingIndexKeepingItsMapping() throws Exception {
        createIndex("existing", Map.of("vec", l2VectorMapping(), "extra", Map.of("type", "keyword")));
        write(params("existing"), records(0, 12, "x"));

        JsonNode props = properties("existing");
        assertEquals(distance(new ObjectMapper().valueToTree(l2VectorMapping())),
                distance(props.path("vec")), "the index's own distance stays");
        assertEquals("keyword", props.path("extra").path("type").asText());
        assertEquals(12, node().count("existing"));
    }

    @Test
    void updateUpsertsByIdSoASecondRunKeepsOneDocumentPerIdWithTheNewValues() throws Exception {
        write(params("upsert", "actionType", "update"), records(0, 20, "first"));
        write(params("upsert", "actionType", "update"), records(10, 30, "second"));

        assertEquals(30, node().count("upsert"));
        assertEquals("first 5", node().source("upsert", "5").get("text").asText());
        assertEquals("second 15", node().source("upsert", "15").get("text").asText());
        JsonNode hits = node().send("POST", "/upsert/_search",
                Map.of("query", Map.of("term", Map.of("_id", "15")))).path("hits").path("hits");
        assertEquals(1, hits.size());
    }

    @Test
    void indexActionReplacesDocumentsWithTheSameId() throws Exception {
        write(params("reindex"), records(0, 10, "a"));
        write(params("reindex"), records(0, 10, "b"));
        assertEquals(10, node().count("reindex"));
        assertEquals("b 3", node().source("reindex", "3").get("text").asText());
    }

    @Test
    void aDocumentTheMappingRefusesBecomesOneDirtyRecordWithTheClustersReason() throws Exception {
        createIndex("partial", Map.of("price", Map.of("type", "long")));
        List<Row> recs = records(0, 15, "p");
        recs.set(4, Row.of(SCHEMA, 4L, "p 4", "not-a-number", vector(4)));
        Map<String, Object> p = params("partial");
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "text", "type", "text"),
                Map.of("name", "price", "type", "keyword"), Map.of("name", "vec")));
        TestPluginContext ctx = write(p, recs);

        assertEquals(14, node().count("partial"));
        assertEquals(1, ctx.dirty().size());
        TestPluginContext.DirtyRecord d = ctx.dirty().get(0);
        assertEquals(recs.get(4), d.record());
        assertEquals(code("DOCUMENT_REJECTED"), d.code());
        assertTrue(d.message().contains("_id \"4\""), d.message());
        assertTrue(d.message().contains("document_parsing_exception") || d.message().contains("mapper_parsing_exception"),
                d.message());
        assertTrue(d.message().contains("failed to parse field [price] of type [long]"), d.message());
        assertEquals(14, ctx.counter("documentsWritten"));
    }

    @Test
    void deleteActionRemovesDocumentsById() throws Exception {
        write(params("deletes"), records(0, 10, "d"));
        TestPluginContext ctx = write(params("deletes", "actionType", "delete"), records(2, 5, "ignored"));

        assertEquals(7, node().count("deletes"));
        assertEquals(3, ctx.counter("documentsWritten"));
        assertEquals(404, node().status("GET", "/deletes/_doc/3"));
    }

    @Test
    void knnSearchFindsTheNearestDocumentWritten() throws Exception {
        write(params("knn"), records(0, 40, "k"));
        float[] query = vector(23).clone();
        query[0] += 0.01f;
        assertEquals("23", knnSearch("knn", query, 3).get(0).get("_id").asText());
    }

    @Test
    void anIndexWithAnotherVectorDimensionFailsAtCheckBeforeWriting() throws Exception {
        createIndex("dims4", Map.of("vec", product.vectorMapping(4)));
        try (Writer w = factory().create(PluginHarness.bind(factory(), params("dims4")), new TestPluginContext(STEP))) {
            w.bind(SCHEMA);
            PluginException e = assertThrows(PluginException.class, w::check);
            assertEquals(code("DIMENSION_MISMATCH"), e.errorCode());
            assertTrue(e.getMessage().contains(product.dimensionKey() + " 4") && e.getMessage().contains("8 dimensions")
                    && e.getMessage().contains(STEP), e.getMessage());
        }
        assertEquals(0, node().count("dims4"));
    }

    @Test
    void cleanupRecreatesTheIndex() throws Exception {
        createIndex("recreate", Map.of("vec", product.vectorMapping(4)));
        node().send("PUT", "/recreate/_doc/old?refresh=true", Map.of("vec", List.of(1, 2, 3, 4)));
        write(params("recreate", "cleanup", "true"), records(0, 5, "c"));

        assertEquals(5, node().count("recreate"));
        assertEquals(DIM, node().get("/recreate/_mapping").path("recreate").path("mappings").path("properties")
                .path("vec").path(product.dimensionKey()).asInt());
    }

    @Test
    void smallByteBudgetSplitsBulkRequests() throws Exception {
        TestPluginContext ctx = write(params("bytes", "batchSizeBytes", 1), records(0, 10, "b"));
        assertEquals(10, node().count("bytes"));
        assertEquals(10, ctx.counter("bulkRequests"), "one document per request");
    }

    @Test
    void dynamicMapsOnlyTheVectorAndAliasIsSet() throws Exception {
        write(params("dyn", "dynamic", true, "alias", "dyn-alias", "aliasMode", "exclusive"), records(0, 3, "d"));
        JsonNode props = node().get("/dyn/_mapping").path("dyn").path("mappings").path("properties");
        assertEquals(product.vectorType(), props.path("vec").path("type").asText());
        assertEquals("long", props.path("price").path("type").asText(), "the column converts to a number");
        assertEquals("keyword", props.path("text").path("fields").path("keyword").path("type").asText(),
                product.name() + "'s dynamic mapping, not the column's type \"text\" alone");
        assertEquals(3, node().count("dyn-alias"));
    }

    @Test
    void aVectorStringThatIsNotJsonIsADirtyRecord() throws Exception {
        Schema s = Schema.builder().field("id", DataType.STRING).field("vec", DataType.STRING).build();
        Map<String, Object> p = params("strvec");
        p.put("column", List.of(Map.of("name", "id", "type", "id"), textVectorColumn()));
        TestPluginContext ctx = PluginHarness.write(factory(), p, s, List.of(Row.of(s, "a", "[1,2,3]"),
                Row.of(s, "b", "[1,2"), Row.of(s, "c", "[1,2,3,4]")), 10, new TestPluginContext(STEP));

        assertEquals(1, node().count("strvec"));
        assertEquals(2, ctx.dirty().size());
        assertTrue(ctx.dirty().get(0).message().contains("not a JSON array"), ctx.dirty().get(0).message());
        assertTrue(ctx.dirty().get(1).message().contains("4 dimensions"), ctx.dirty().get(1).message());
    }

    @Test
    void primaryKeyInfoJoinsColumnsIntoTheId() throws Exception {
        Map<String, Object> p = params("pkinfo", "primaryKeyInfo",
                Map.of("type", "specific", "column", List.of("id", "price"), "fieldDelimiter", "_"));
        p.put("column", List.of(Map.of("name", "id", "type", "long"), Map.of("name", "price", "type", "long"),
                Map.of("name", "vec")));
        write(p, records(0, 3, "x"));
        JsonNode doc = node().source("pkinfo", "2_20");
        assertEquals(2, doc.get("id").asLong());
        assertFalse(doc.has("text"));
    }

    @Test
    void aColumnMissingFromTheInputIsNamedWithTheAvailableFields() {
        Map<String, Object> p = params("never");
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "txt", "type", "text")));
        Writer w = factory().create(PluginHarness.bind(factory(), p), new TestPluginContext(STEP));
        PluginException e = assertThrows(PluginException.class, () -> w.bind(SCHEMA));
        assertEquals(CommonErrorCode.COLUMN_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().contains("\"txt\"") && e.getMessage().contains("[id, text, price, vec]"), e.getMessage());
    }

    @Test
    void declaredDimsThatDifferFromTheInputFailAtBind() {
        Map<String, Object> p = params("never");
        Map<String, Object> vec = new HashMap<>(product.vectorColumn(16));
        vec.put("name", "vec");
        p.put("column", List.of(vec));
        Writer w = factory().create(PluginHarness.bind(factory(), p), new TestPluginContext(STEP));
        PluginException e = assertThrows(PluginException.class, () -> w.bind(SCHEMA));
        assertEquals(code("DIMENSION_MISMATCH"), e.errorCode());
    }
}
