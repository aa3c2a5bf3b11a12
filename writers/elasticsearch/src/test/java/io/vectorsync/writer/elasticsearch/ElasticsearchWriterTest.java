package io.vectorsync.writer.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer against a real Elasticsearch 8.15 node. */
class ElasticsearchWriterTest {
    private static final int DIM = 8;
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
            .field("price", DataType.STRING).field("vec", DataType.floatVector(DIM)).build();
    private final ElasticsearchWriterFactory factory = new ElasticsearchWriterFactory();

    static float[] vector(int i) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) Math.sin(i * 0.7 + d * 1.3) + (d == i % DIM ? 2f : 0f);
        }
        return v;
    }

    static List<Row> records(int from, int to, String textPrefix) {
        List<Row> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Row.of(SCHEMA, (long) i, textPrefix + " " + i, Integer.toString(i * 10), vector(i)));
        }
        return out;
    }

    static Map<String, Object> params(String index, Object... extra) {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", EsTestServer.url());
        p.put("index", index);
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "text", "type", "text"),
                Map.of("name", "price", "type", "long"),
                Map.of("name", "vec", "type", "dense_vector", "dims", String.valueOf(DIM))));
        p.put("settings", Map.of("number_of_shards", 1, "number_of_replicas", 0));
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return p;
    }

    private TestPluginContext write(Map<String, Object> params, List<Row> records) throws Exception {
        return PluginHarness.write(factory, params, SCHEMA, records, 7, new TestPluginContext("es-writer"));
    }

    @Test
    void createsMissingIndexWithDenseVectorMappingAndWritesDocuments() throws Exception {
        TestPluginContext ctx = write(params("create-missing", "batchSize", "10"), records(0, 25, "hello"));

        JsonNode props = EsTestServer.get("/create-missing/_mapping").path("create-missing").path("mappings").path("properties");
        assertEquals("dense_vector", props.path("vec").path("type").asText());
        assertEquals(DIM, props.path("vec").path("dims").asInt());
        assertEquals("cosine", props.path("vec").path("similarity").asText());
        assertTrue(props.path("vec").path("index").asBoolean());
        assertEquals("long", props.path("price").path("type").asText());
        assertEquals("text", props.path("text").path("type").asText());
        assertTrue(props.path("id").isMissingNode(), "the id column is the _id, not a field");
        assertEquals(25, EsTestServer.count("create-missing"));
        JsonNode doc = EsTestServer.source("create-missing", "7");
        assertEquals("hello 7", doc.get("text").asText());
        assertEquals(70, doc.get("price").asLong());
        assertEquals(vector(7)[3], (float) doc.get("vec").get(3).asDouble());
        assertEquals(25, ctx.counter(ElasticsearchWriterTask.DOCUMENTS_WRITTEN));
        assertEquals(3, ctx.counter(ElasticsearchWriterTask.BULK_REQUESTS), "25 documents in batches of 10");
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void writesIntoAnExistingIndexKeepingItsMapping() throws Exception {
        EsTestServer.send("PUT", "/existing", Map.of("mappings", Map.of("properties", Map.of(
                "vec", Map.of("type", "dense_vector", "dims", DIM, "similarity", "l2_norm"),
                "extra", Map.of("type", "keyword")))));
        write(params("existing"), records(0, 12, "x"));

        JsonNode props = EsTestServer.get("/existing/_mapping").path("existing").path("mappings").path("properties");
        assertEquals("l2_norm", props.path("vec").path("similarity").asText());
        assertEquals("keyword", props.path("extra").path("type").asText());
        assertEquals(12, EsTestServer.count("existing"));
    }

    @Test
    void updateUpsertsByIdSoASecondRunKeepsOneDocumentPerIdWithTheNewValues() throws Exception {
        write(params("upsert", "actionType", "update"), records(0, 20, "first"));
        write(params("upsert", "actionType", "update"), records(10, 30, "second"));

        assertEquals(30, EsTestServer.count("upsert"));
        assertEquals("first 5", EsTestServer.source("upsert", "5").get("text").asText());
        assertEquals("second 15", EsTestServer.source("upsert", "15").get("text").asText());
        JsonNode hits = EsTestServer.send("POST", "/upsert/_search",
                Map.of("query", Map.of("term", Map.of("_id", "15")))).path("hits").path("hits");
        assertEquals(1, hits.size());
    }

    @Test
    void indexActionReplacesDocumentsWithTheSameId() throws Exception {
        write(params("reindex"), records(0, 10, "a"));
        write(params("reindex"), records(0, 10, "b"));
        assertEquals(10, EsTestServer.count("reindex"));
        assertEquals("b 3", EsTestServer.source("reindex", "3").get("text").asText());
    }

    @Test
    void aDocumentTheMappingRefusesBecomesOneDirtyRecordWithElasticsearchsReason() throws Exception {
        EsTestServer.send("PUT", "/partial", Map.of("mappings", Map.of("properties",
                Map.of("price", Map.of("type", "long")))));
        List<Row> recs = records(0, 15, "p");
        recs.set(4, Row.of(SCHEMA, 4L, "p 4", "not-a-number", vector(4)));
        Map<String, Object> p = params("partial");
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "text", "type", "text"),
                Map.of("name", "price", "type", "keyword"), Map.of("name", "vec")));
        TestPluginContext ctx = write(p, recs);

        assertEquals(14, EsTestServer.count("partial"));
        assertEquals(1, ctx.dirty().size());
        TestPluginContext.DirtyRecord d = ctx.dirty().get(0);
        assertEquals(recs.get(4), d.record());
        assertEquals(ElasticsearchErrorCode.DOCUMENT_REJECTED, d.code());
        assertTrue(d.message().contains("_id \"4\""), d.message());
        assertTrue(d.message().contains("document_parsing_exception") || d.message().contains("mapper_parsing_exception"),
                d.message());
        assertTrue(d.message().contains("failed to parse field [price] of type [long]"), d.message());
        assertEquals(14, ctx.counter(ElasticsearchWriterTask.DOCUMENTS_WRITTEN));
    }

    @Test
    void deleteActionRemovesDocumentsById() throws Exception {
        write(params("deletes"), records(0, 10, "d"));
        TestPluginContext ctx = write(params("deletes", "actionType", "delete"), records(2, 5, "ignored"));

        assertEquals(7, EsTestServer.count("deletes"));
        assertEquals(3, ctx.counter(ElasticsearchWriterTask.DOCUMENTS_WRITTEN));
        assertEquals(404, statusOf("/deletes/_doc/3"));
    }

    private static int statusOf(String path) throws Exception {
        try {
            EsTestServer.get(path);
            return 200;
        } catch (IllegalStateException e) {
            return e.getMessage().contains("-> 404") ? 404 : 500;
        }
    }

    @Test
    void knnSearchFindsTheNearestDocumentWritten() throws Exception {
        write(params("knn"), records(0, 40, "k"));
        float[] query = vector(23).clone();
        query[0] += 0.01f;
        JsonNode hits = EsTestServer.send("POST", "/knn/_search", Map.of("knn",
                Map.of("field", "vec", "query_vector", query, "k", 3, "num_candidates", 40))).path("hits").path("hits");
        assertEquals("23", hits.get(0).get("_id").asText());
    }

    @Test
    void anIndexWithAnotherVectorDimensionFailsAtCheckBeforeWriting() throws Exception {
        EsTestServer.send("PUT", "/dims4", Map.of("mappings", Map.of("properties",
                Map.of("vec", Map.of("type", "dense_vector", "dims", 4)))));
        TestPluginContext ctx = new TestPluginContext("es-writer");
        try (Writer w = factory.create(PluginHarness.bind(factory, params("dims4")), ctx)) {
            w.bind(SCHEMA);
            PluginException e = assertThrows(PluginException.class, w::check);
            assertEquals(ElasticsearchErrorCode.DIMENSION_MISMATCH, e.errorCode());
            assertTrue(e.getMessage().contains("dims 4") && e.getMessage().contains("8 dimensions")
                    && e.getMessage().contains("es-writer"), e.getMessage());
        }
        assertEquals(0, EsTestServer.count("dims4"));
    }

    @Test
    void cleanupRecreatesTheIndex() throws Exception {
        EsTestServer.send("PUT", "/recreate", Map.of("mappings", Map.of("properties",
                Map.of("vec", Map.of("type", "dense_vector", "dims", 4)))));
        EsTestServer.send("PUT", "/recreate/_doc/old?refresh=true", Map.of("vec", List.of(1, 2, 3, 4)));
        write(params("recreate", "cleanup", "true"), records(0, 5, "c"));

        assertEquals(5, EsTestServer.count("recreate"));
        assertEquals(DIM, EsTestServer.get("/recreate/_mapping").path("recreate").path("mappings").path("properties")
                .path("vec").path("dims").asInt());
    }

    @Test
    void smallByteBudgetSplitsBulkRequests() throws Exception {
        TestPluginContext ctx = write(params("bytes", "batchSizeBytes", 1), records(0, 10, "b"));
        assertEquals(10, EsTestServer.count("bytes"));
        assertEquals(10, ctx.counter(ElasticsearchWriterTask.BULK_REQUESTS), "one document per request");
    }

    @Test
    void dynamicMapsOnlyTheVectorAndAliasIsSet() throws Exception {
        write(params("dyn", "dynamic", true, "alias", "dyn-alias", "aliasMode", "exclusive"), records(0, 3, "d"));
        JsonNode props = EsTestServer.get("/dyn/_mapping").path("dyn").path("mappings").path("properties");
        assertEquals("dense_vector", props.path("vec").path("type").asText());
        assertEquals("long", props.path("price").path("type").asText(), "the column converts to a number");
        assertEquals("keyword", props.path("text").path("fields").path("keyword").path("type").asText(),
                "Elasticsearch's dynamic mapping, not the column's type \"text\" alone");
        assertEquals(3, EsTestServer.count("dyn-alias"));
    }

    @Test
    void aVectorStringThatIsNotJsonIsADirtyRecord() throws Exception {
        Schema s = Schema.builder().field("id", DataType.STRING).field("vec", DataType.STRING).build();
        Map<String, Object> p = params("strvec");
        p.put("column", List.of(Map.of("name", "id", "type", "id"),
                Map.of("name", "vec", "type", "dense_vector", "dims", 3)));
        TestPluginContext ctx = PluginHarness.write(factory, p, s, List.of(Row.of(s, "a", "[1,2,3]"),
                Row.of(s, "b", "[1,2"), Row.of(s, "c", "[1,2,3,4]")), 10, new TestPluginContext("es-writer"));

        assertEquals(1, EsTestServer.count("strvec"));
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
        JsonNode doc = EsTestServer.source("pkinfo", "2_20");
        assertEquals(2, doc.get("id").asLong());
        assertFalse(doc.has("text"));
    }

    @Test
    void aColumnMissingFromTheInputIsNamedWithTheAvailableFields() {
        Map<String, Object> p = params("never");
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "txt", "type", "text")));
        Writer w = factory.create(PluginHarness.bind(factory, p), new TestPluginContext("es-writer"));
        PluginException e = assertThrows(PluginException.class, () -> w.bind(SCHEMA));
        assertEquals(CommonErrorCode.COLUMN_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().contains("\"txt\"") && e.getMessage().contains("[id, text, price, vec]"), e.getMessage());
    }

    @Test
    void declaredDimsThatDifferFromTheInputFailAtBind() {
        Map<String, Object> p = params("never");
        p.put("column", List.of(Map.of("name", "vec", "type", "dense_vector", "dims", 16)));
        Writer w = factory.create(PluginHarness.bind(factory, p), new TestPluginContext("es-writer"));
        PluginException e = assertThrows(PluginException.class, () -> w.bind(SCHEMA));
        assertEquals(ElasticsearchErrorCode.DIMENSION_MISMATCH, e.errorCode());
    }

    @Test
    void anAbortedRunLeavesTheSentDocumentsAndTheIndexButSetsNoAliasAndARerunWritesEachDocumentOnce()
            throws Exception {
        Map<String, Object> p = params("aborted", "batchSize", "4", "alias", "aborted-alias");
        try (var w = factory.create(PluginHarness.bind(factory, p), new TestPluginContext("es-writer"))) {
            w.bind(SCHEMA);
            w.check();
            w.prepare();
            try (var t = w.openTask(0)) {
                // request 1 (ids 0-3) is answered before request 2 (ids 4-7) goes out; 8 and 9 stay buffered
                t.write(records(0, 10, "a"));
                t.abort(new RuntimeException("cancelled"));
            }
            w.abort(new RuntimeException("cancelled"));
        }
        long count = EsTestServer.count("aborted");
        // request 2 was in flight when the task aborted: the cluster may have applied it
        assertTrue(count >= 4 && count <= 8, "count " + count);
        for (String id : List.of("0", "3")) {
            assertEquals(200, EsTestServer.status("GET", "/aborted/_doc/" + id), "sent documents stay");
        }
        for (String id : List.of("8", "9")) {
            assertEquals(404, EsTestServer.status("GET", "/aborted/_doc/" + id), "buffered documents are never sent");
        }
        assertEquals(404, EsTestServer.status("GET", "/_alias/aborted-alias"), "no alias after a failed run");

        write(params("aborted", "alias", "aborted-alias"), records(0, 10, "a"));
        assertEquals(10, EsTestServer.count("aborted-alias"), "index with ids: the rerun leaves each document once");
    }
}
