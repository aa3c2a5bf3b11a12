package io.vectorsync.writer.milvus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.milvus.grpc.CollectionSchema;
import io.milvus.grpc.CreateIndexRequest;
import io.milvus.grpc.DataType;
import io.milvus.grpc.FieldSchema;
import io.milvus.grpc.KeyValuePair;
import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MilvusWriterTest extends FakeMilvusServerTest {

    static Schema schema(int dim) {
        return Schema.builder().field("id", io.vectorsync.api.record.DataType.INT64)
                .field("sentence", io.vectorsync.api.record.DataType.STRING)
                .field("sentence_e", io.vectorsync.api.record.DataType.floatVector(dim)).build();
    }

    static float[] vec(int i, int dim) {
        float[] f = new float[dim];
        for (int k = 0; k < dim; k++) {
            f[k] = i + k / 10f;
        }
        return f;
    }

    static List<Row> records(Schema s, int n, int dim) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Row.of(s, (long) i, "text " + i, vec(i, dim)));
        }
        return out;
    }

    /** The seed's parameter shape: DataWorks string values, elementType None, columnMapping. */
    Map<String, Object> params(String collection, String mode, String writeMode) {
        return params(server.uri(), collection, mode, writeMode);
    }

    static Map<String, Object> params(String uri, String collection, String mode, String writeMode) {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", uri);
        p.put("token", "root:Milvus");
        p.put("collection", collection);
        p.put("schemaCreateMode", mode);
        p.put("enableDynamicSchema", true);
        p.put("writeMode", writeMode);
        p.put("batchSize", "1024");
        p.put("retryIntervalMs", 5);
        p.put("column", List.of(
                Map.of("name", "id", "type", "Int64", "primaryKey", "true", "elementType", "None"),
                Map.of("name", "sentence", "type", "VarChar", "elementType", "None", "maxLength", "32"),
                Map.of("name", "sentence_e", "type", "FloatVector", "dimension", "4", "elementType", "None",
                        "maxLength", "65535")));
        p.put("columnMapping", List.of(Map.of("sourceColName", "id", "dstColName", "id"),
                Map.of("sourceColName", "sentence", "dstColName", "sentence"),
                Map.of("sourceColName", "sentence_e", "dstColName", "sentence_e")));
        return p;
    }

    static FieldSchema field(String name, DataType type, String... params) {
        FieldSchema.Builder b = FieldSchema.newBuilder().setName(name).setDataType(type);
        for (int i = 0; i < params.length; i += 2) {
            b.addTypeParams(KeyValuePair.newBuilder().setKey(params[i]).setValue(params[i + 1]));
        }
        return b.build();
    }

    static CollectionSchema existing(String name, int dim, boolean autoId, boolean dynamic) {
        return CollectionSchema.newBuilder().setName(name).setEnableDynamicField(dynamic)
                .addFields(field("id", DataType.Int64).toBuilder().setIsPrimaryKey(true).setAutoID(autoId))
                .addFields(field("sentence", DataType.VarChar, "max_length", "32"))
                .addFields(field("sentence_e", DataType.FloatVector, "dim", Integer.toString(dim))).build();
    }

    @Test
    void createsCollectionWithIndexLoadsItAndUpsertsExactRows() throws Exception {
        Schema s = schema(4);
        TestPluginContext ctx = new TestPluginContext("Writer");
        PluginHarness.write(factory, params("c1", "createIfNotExist", "upsert"), s, records(s, 5, 4), 2, ctx);

        List<String> calls = server.callNames();
        int create = calls.indexOf("CreateCollection");
        assertTrue(create >= 0, calls.toString());
        assertTrue(calls.indexOf("CreateIndex") > create && calls.indexOf("LoadCollection") > calls.indexOf("CreateIndex"), calls.toString());
        CreateIndexRequest index = server.collections.get("c1").indexes.get(0);
        assertEquals("sentence_e", index.getFieldName());
        Map<String, String> ip = index.getExtraParamsList().stream()
                .collect(Collectors.toMap(KeyValuePair::getKey, KeyValuePair::getValue));
        assertEquals("AUTOINDEX", ip.get("index_type"));
        assertEquals("COSINE", ip.get("metric_type"));
        CollectionSchema created = server.collections.get("c1").schema;
        assertTrue(created.getEnableDynamicField());
        FieldSchema text = created.getFields(1);
        assertEquals(DataType.VarChar, text.getDataType());
        assertTrue(text.getTypeParamsList().contains(KeyValuePair.newBuilder().setKey("max_length").setValue("32").build()));

        assertTrue(server.inserts.isEmpty(), "upsert mode must not Insert");
        assertEquals(1, server.upserts.size(), "5 rows with batchSize 1024 are one Upsert " + calls + ctx.dirty());
        List<Map<String, Object>> rows = server.rows("c1");
        assertEquals(5, rows.size());
        for (int i = 0; i < 5; i++) {
            assertEquals((long) i, rows.get(i).get("id"));
            assertEquals("text " + i, rows.get(i).get("sentence"));
            assertArrayEquals(vec(i, 4), (float[]) rows.get(i).get("sentence_e"));
        }
        assertTrue(calls.contains("Flush") && calls.indexOf("Flush") > calls.lastIndexOf("Upsert"));
        assertEquals(5, ctx.counter("rowsWritten"));
        assertTrue(ctx.dirty().isEmpty());
    }

    @Test
    void insertOnNonAutoIdSendsInsertWithKeys() throws Exception {
        server.addCollection("c2", existing("c2", 4, false, false));
        Schema s = schema(4);
        PluginHarness.write(factory, params("c2", "ignore", "insert"), s, records(s, 3, 4), 10,
                new TestPluginContext("Writer"));
        assertTrue(server.upserts.isEmpty());
        assertEquals(List.of(0L, 1L, 2L), server.rows("c2").stream().map(r -> r.get("id")).toList());
        assertFalse(server.callNames().contains("CreateCollection"));
    }

    @Test
    void upsertOnAutoIdCollectionInsertsWithGeneratedKeys() throws Exception {
        server.addCollection("c3", existing("c3", 4, true, false));
        Schema s = schema(4);
        PluginHarness.write(factory, params("c3", "ignore", "upsert"), s, records(s, 3, 4), 10,
                new TestPluginContext("Writer"));
        assertTrue(server.upserts.isEmpty(), "autoId: upsert becomes insert");
        List<Map<String, Object>> rows = server.rows("c3");
        assertEquals(3, rows.size());
        assertFalse(rows.get(0).containsKey("id"), "the primary key is generated by Milvus: " + rows.get(0));
        assertEquals("text 2", rows.get(2).get("sentence"));
    }

    @Test
    void dimensionMismatchFailsBeforeWriting() {
        server.addCollection("c4", existing("c4", 8, false, false));
        Schema s = schema(4);
        Map<String, Object> p = params("c4", "ignore", "upsert");
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(factory, p, s,
                records(s, 3, 4), 10, new TestPluginContext("Writer")));
        assertEquals(MilvusErrorCode.DIMENSION_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("\"sentence_e\"") && e.getMessage().contains("dimension 8")
                && e.getMessage().contains("has 4"), e.getMessage());
        assertTrue(server.inserts.isEmpty() && server.upserts.isEmpty());
    }

    @Test
    void ignoreModeWithMissingCollectionIsAClearError() {
        Schema s = schema(4);
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(factory,
                params("nope", "ignore", "upsert"), s, records(s, 1, 4), 10, new TestPluginContext("Writer")));
        assertEquals(MilvusErrorCode.COLLECTION_MISSING, e.errorCode());
        assertTrue(e.getMessage().contains("step \"Writer\"") && e.getMessage().contains("\"nope\"")
                && e.getMessage().contains("createIfNotExist"), e.getMessage());
        assertFalse(server.callNames().contains("CreateCollection"));
    }

    @Test
    void rateLimitedOnceThenEveryRowLandsInSmallerBatches() throws Exception {
        server.addCollection("c5", existing("c5", 4, false, false));
        server.rateLimitNext.set(1);
        Schema s = schema(4);
        TestPluginContext ctx = new TestPluginContext("Writer");
        PluginHarness.write(factory, params("c5", "ignore", "upsert"), s, records(s, 10, 4), 10, ctx);
        List<Map<String, Object>> rows = server.rows("c5");
        assertEquals(10, rows.size());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), rows.stream().map(r -> r.get("id")).toList());
        assertEquals(1, ctx.counter(Metrics.THROTTLED));
        assertEquals(2, server.upserts.size(), "the refused batch of 10 is resent as two halves");
        assertEquals(5, server.upserts.get(0).getNumRows());
    }

    @Test
    void rateLimitedBeyondMaxRetriesFailsTheJob() {
        server.addCollection("c5b", existing("c5b", 4, false, false));
        server.rateLimitNext.set(100);
        Schema s = schema(4);
        Map<String, Object> p = params("c5b", "ignore", "upsert");
        p.put("maxRetries", 2);
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(factory, p, s,
                records(s, 4, 4), 10, new TestPluginContext("Writer")));
        assertEquals(MilvusErrorCode.RATE_LIMITED, e.errorCode());
        assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
        assertEquals(3, server.callNames().stream().filter("Upsert"::equals).count(), "no hidden SDK retries");
    }

    @Test
    void tooLongVarCharIsOneDirtyRecordAndItsBatchMatesLand() throws Exception {
        server.addCollection("c6", existing("c6", 4, false, false));
        Schema s = schema(4);
        List<Row> recs = new ArrayList<>(records(s, 4, 4));
        recs.set(2, Row.of(s, 2L, "x".repeat(33), vec(2, 4)));
        TestPluginContext ctx = new TestPluginContext("Writer");
        PluginHarness.write(factory, params("c6", "ignore", "upsert"), s, recs, 10, ctx);
        assertEquals(List.of(0L, 1L, 3L), server.rows("c6").stream().map(r -> r.get("id")).toList());
        assertEquals(1, ctx.dirty().size());
        TestPluginContext.DirtyRecord d = ctx.dirty().get(0);
        assertEquals(recs.get(2), d.record());
        assertEquals(MilvusErrorCode.VALUE_REJECTED, d.code());
        assertTrue(d.message().contains("\"sentence\"") && d.message().contains("exceeds maxLength 32"), d.message());
    }

    @Test
    void upstreamFieldsMissingFromTheCollectionBecomeDynamicFields() throws Exception {
        server.addCollection("c7", existing("c7", 4, false, true));
        Schema s = schema(4).toBuilder().field("category", io.vectorsync.api.record.DataType.STRING)
                .field("score", io.vectorsync.api.record.DataType.FLOAT64).build();
        Map<String, Object> p = params("c7", "ignore", "upsert");
        p.remove("columnMapping");
        PluginHarness.write(factory, p, s, List.of(Row.of(s, 1L, "a", vec(1, 4), "news", 0.5)), 10,
                new TestPluginContext("Writer"));
        Map<String, Object> row = server.rows("c7").get(0);
        assertTrue(row.containsKey("$meta"), row.toString());
        JsonObject meta = ((com.google.gson.JsonElement) row.get("$meta")).getAsJsonObject();
        assertEquals("news", meta.get("category").getAsString());
        assertEquals(0.5, meta.get("score").getAsDouble());
        assertEquals("a", row.get("sentence"));
    }

    @Test
    void columnMappingRenamesAndRecreateDropsFirst() throws Exception {
        server.addCollection("c8", existing("c8", 16, false, false));
        Schema s = Schema.builder().field("pk", io.vectorsync.api.record.DataType.INT64)
                .field("txt", io.vectorsync.api.record.DataType.STRING)
                .field("emb", io.vectorsync.api.record.DataType.floatVector(4)).build();
        Map<String, Object> p = params("c8", "recreate", "upsert");
        p.put("columnMapping", List.of(Map.of("sourceColName", "pk", "dstColName", "id"),
                Map.of("sourceColName", "txt", "dstColName", "sentence"),
                Map.of("sourceColName", "emb", "dstColName", "sentence_e")));
        p.put("partition", "p2024");
        PluginHarness.write(factory, p, s, List.of(Row.of(s, 7L, "seven", vec(7, 4))), 10, new TestPluginContext("W"));
        List<String> calls = server.callNames();
        assertTrue(calls.indexOf("DropCollection") >= 0 && calls.indexOf("DropCollection") < calls.indexOf("CreateCollection"));
        assertTrue(server.collections.get("c8").partitions.contains("p2024"));
        assertEquals("p2024", server.upserts.get(0).getPartitionName());
        Map<String, Object> row = server.rows("c8").get(0);
        assertEquals(7L, row.get("id"));
        assertEquals("seven", row.get("sentence"));
        assertArrayEquals(vec(7, 4), (float[]) row.get("sentence_e"));
    }

    @Test
    void sparseJsonArrayAndNullableFields() throws Exception {
        Schema s = Schema.builder().field("id", io.vectorsync.api.record.DataType.INT64)
                .field("sp", io.vectorsync.api.record.DataType.SPARSE_VECTOR)
                .field("doc", io.vectorsync.api.record.DataType.JSON)
                .field("tags", io.vectorsync.api.record.DataType.array(io.vectorsync.api.record.DataType.STRING))
                .field("note", io.vectorsync.api.record.DataType.STRING).build();
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", server.uri());
        p.put("collection", "c9");
        p.put("column", List.of(Map.of("name", "id", "type", "Int64", "primaryKey", true),
                Map.of("name", "sp", "type", "SparseFloatVector"),
                Map.of("name", "doc", "type", "JSON"),
                Map.of("name", "tags", "type", "Array", "elementType", "VarChar", "maxCapacity", "3", "maxLength", "10"),
                Map.of("name", "note", "type", "VarChar", "maxLength", "8", "nullable", "true")));
        List<Row> recs = List.of(
                Row.of(s, 1L, new SparseVector(new int[] {3, 24}, new float[] {0.5f, 0.8f}), "{\"a\":1}",
                        List.of("x", "y"), null),
                Row.of(s, 2L, new SparseVector(new int[] {1}, new float[] {1f}), "not json", List.of(), "n"),
                Row.of(s, 3L, new SparseVector(new int[] {1}, new float[] {1f}), "[1,2]", List.of("a", "b", "c", "d"), "n"));
        TestPluginContext ctx = new TestPluginContext("Writer");
        PluginHarness.write(factory, p, s, recs, 10, ctx);
        assertEquals("SPARSE_INVERTED_INDEX".equals(indexType("c9")) || "AUTOINDEX".equals(indexType("c9")), true);
        List<Map<String, Object>> rows = server.rows("c9");
        assertEquals(1, rows.size());
        assertEquals(Map.of(3L, 0.5f, 24L, 0.8f), rows.get(0).get("sp"));
        assertEquals(1, ((com.google.gson.JsonElement) rows.get(0).get("doc")).getAsJsonObject().get("a").getAsInt());
        assertNull(rows.get(0).get("note"));
        assertEquals(2, ctx.dirty().size());
        assertTrue(ctx.dirty().get(0).message().contains("not valid JSON"), ctx.dirty().get(0).message());
        assertTrue(ctx.dirty().get(1).message().contains("maxCapacity 3"), ctx.dirty().get(1).message());
    }

    private static String indexType(String collection) {
        return server.collections.get(collection).indexes.get(0).getExtraParamsList().stream()
                .filter(kv -> kv.getKey().equals("index_type")).findFirst().map(KeyValuePair::getValue).orElse("");
    }

    @Test
    void badParametersAreRejectedWithSuggestions() {
        Map<String, Object> p = params("c", "createIfNotExist", "replace");
        PluginHarness.InvalidConfigException e = assertThrows(PluginHarness.InvalidConfigException.class,
                () -> PluginHarness.bind(factory, p));
        assertTrue(e.getMessage().contains("writeMode") && e.getMessage().contains("upsert"), e.getMessage());

        Map<String, Object> q = params("c", "createIfNotExist", "upsert");
        q.put("column", List.of(Map.of("name", "id", "type", "Int64", "primaryKey", "yes"),
                Map.of("name", "v", "type", "FloatVectr", "dimension", "4"),
                Map.of("name", "w", "type", "FloatVector", "dimension", "four", "maxLenght", "3")));
        q.put("columnMapping", List.of(Map.of("sourceColName", "id")));
        // every problem of every entry at once, each at its path
        List<String> issues = PluginHarness.validate(factory, q).stream().map(i -> i.key() + ": " + i.message())
                .toList();
        assertEquals(5, issues.size(), issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.startsWith("column[0].primaryKey: ")), issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.startsWith("column[1].type: ") && i.contains("FloatVector")),
                issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.startsWith("column[2].dimension: ")), issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.startsWith("column[2].maxLenght: ") && i.contains("maxLength")),
                issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.startsWith("columnMapping[0].dstColName: required")),
                issues.toString());

        // rules between the keys of one entry are checked when the writer is created
        Map<String, Object> r = params("c", "createIfNotExist", "upsert");
        r.put("column", List.of(Map.of("name", "id", "type", "Int64", "primaryKey", "true"),
                Map.of("name", "v", "type", "FloatVector")));
        PluginException pe = assertThrows(PluginException.class,
                () -> factory.create(PluginHarness.bind(factory, r), new TestPluginContext("Writer")));
        assertTrue(pe.getMessage().contains("column[1].dimension"), pe.getMessage());
    }

    @Test
    void theGeneratedDocsListTheColumnKeys() {
        String md = factory.configSpec().toMarkdown();
        for (String row : List.of("| `column[].name` |", "| `column[].type` |", "| `column[].dimension` |",
                "| `columnMapping[].sourceColName` |")) {
            assertTrue(md.contains(row), row + " in\n" + md);
        }
    }

    @Test
    void unknownUpstreamFieldInColumnMappingIsNamedAtBind() {
        Schema s = schema(4);
        Map<String, Object> p = params("c", "createIfNotExist", "upsert");
        p.put("columnMapping", List.of(Map.of("sourceColName", "sentense", "dstColName", "sentence")));
        var w = factory.create(PluginHarness.bind(factory, p), new TestPluginContext("Writer"));
        PluginException e = assertThrows(PluginException.class, () -> w.bind(s));
        assertTrue(e.getMessage().contains("columnMapping[0].sourceColName \"sentense\""), e.getMessage());
    }

    @Test
    void connectFailureNamesEndpointButNeverTheToken() throws Exception {
        Map<String, Object> p = params("c", "ignore", "upsert");
        p.put("endpoint", "http://127.0.0.1:1");
        p.put("token", "sk-very-secret");
        p.put("connectTimeoutMs", 300);
        Schema s = schema(4);
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(factory, p, s, List.of(), 10,
                new TestPluginContext("Writer")));
        assertEquals(MilvusErrorCode.CONNECT_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-very-secret"));
    }

    @Test
    void seedExampleIgnoreModeInsertIntoAutoIdCollectionInADatabase() throws Exception {
        server.addCollection("Milvus_Collection", CollectionSchema.newBuilder().setName("Milvus_Collection")
                .setEnableDynamicField(true)
                .addFields(field("pk", DataType.Int64).toBuilder().setIsPrimaryKey(true).setAutoID(true))
                .addFields(field("sentence", DataType.VarChar, "max_length", "32"))
                .addFields(field("sentence_e", DataType.FloatVector, "dim", "4")).build());
        Schema s = Schema.builder().field("sentence", io.vectorsync.api.record.DataType.STRING)
                .field("sentence_e", io.vectorsync.api.record.DataType.floatVector(4)).build();
        Map<String, Object> p = params("Milvus_Collection", "ignore", "insert");
        p.put("database", "vsync");
        p.put("column", List.of(Map.of("name", "sentence", "type", "VarChar", "elementType", "None", "maxLength", "32"),
                Map.of("name", "sentence_e", "type", "FloatVector", "dimension", "4", "elementType", "None",
                        "maxLength", "65535")));
        p.put("columnMapping", List.of(Map.of("sourceColName", "sentence", "dstColName", "sentence"),
                Map.of("sourceColName", "sentence_e", "dstColName", "sentence_e")));
        PluginHarness.write(factory, p, s, List.of(Row.of(s, "hello", vec(3, 4)), Row.of(s, "world", vec(4, 4))),
                10, new TestPluginContext("Writer"));
        assertTrue(server.callNames().contains("ListDatabases"), "database is checked on connect");
        assertEquals("vsync", server.inserts.get(0).getDbName());
        List<Map<String, Object>> rows = server.rows("Milvus_Collection");
        assertEquals(List.of("hello", "world"), rows.stream().map(r -> r.get("sentence")).toList());
        assertArrayEquals(vec(4, 4), (float[]) rows.get(1).get("sentence_e"));
        assertFalse(rows.get(0).containsKey("pk"));
    }
}
