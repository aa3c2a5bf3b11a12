package io.vectorsync.writer.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.milvus.grpc.DataType;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FieldSchema;
import io.milvus.grpc.KeyValuePair;
import io.milvus.grpc.SparseFloatArray;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPARSE_FLOAT_VECTOR fields (created, indexed and written exactly) and NULL vectors, against the gRPC fake. */
class MilvusSparseAndNullVectorTest extends FakeMilvusServerTest {
    private static final Schema SCHEMA = Schema.builder().field("id", io.vectorsync.api.record.DataType.INT64)
            .field("sp", io.vectorsync.api.record.DataType.SPARSE_VECTOR)
            .field("dv", io.vectorsync.api.record.DataType.floatVector(2)).build();

    private Map<String, Object> params(String collection, boolean denseNullable) {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", server.uri());
        p.put("collection", collection);
        p.put("schemaCreateMode", "createIfNotExist");
        p.put("writeMode", "insert");
        p.put("column", List.of(Map.of("name", "id", "type", "Int64", "primaryKey", true),
                Map.of("name", "sp", "type", "SparseFloatVector"),
                Map.of("name", "dv", "type", "FloatVector", "dimension", 2, "nullable", denseNullable)));
        return p;
    }

    /** Milvus' wire form of one sparse row: (uint32 index, float32 weight) pairs, little endian. */
    private static ByteString sparseRow(long[] indices, float[] weights) {
        ByteBuffer b = ByteBuffer.allocate(indices.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < indices.length; i++) {
            b.putInt((int) indices[i]).putFloat(weights[i]);
        }
        return ByteString.copyFrom(b.array());
    }

    @Test
    void aSparseFieldIsCreatedWithAnInvertedIndexAndIpAndWrittenExactly() throws Exception {
        List<Row> rows = List.of(
                Row.of(SCHEMA, 1L, new SparseVector(new int[] {3, 24, 250002}, new float[] {0.5f, 0.8f, 0.25f}),
                        new float[] {1, 0}),
                Row.of(SCHEMA, 2L, new SparseVector(new int[] {7}, new float[] {0f}), new float[] {0, 1}),
                Row.of(SCHEMA, 3L, new SparseVector(new int[] {5, 6}, new float[] {0.5f, -1f}), new float[] {1, 1}));
        TestPluginContext ctx = PluginHarness.write(factory, params("sp1", false), SCHEMA, rows, 10,
                new TestPluginContext("Writer"));

        FieldSchema sp = server.collections.get("sp1").schema.getFieldsList().stream()
                .filter(f -> f.getName().equals("sp")).findFirst().orElseThrow();
        assertEquals(DataType.SparseFloatVector, sp.getDataType());
        Map<String, String> index = new HashMap<>();
        server.collections.get("sp1").indexes.stream().filter(r -> r.getFieldName().equals("sp")).findFirst()
                .orElseThrow().getExtraParamsList().forEach(kv -> index.put(kv.getKey(), kv.getValue()));
        assertEquals("SPARSE_INVERTED_INDEX", index.get("index_type"));
        assertEquals("IP", index.get("metric_type"));

        FieldData data = server.inserts.get(0).getFieldsDataList().stream()
                .filter(f -> f.getFieldName().equals("sp")).findFirst().orElseThrow();
        SparseFloatArray sparse = data.getVectors().getSparseFloatVector();
        assertEquals(List.of(sparseRow(new long[] {3, 24, 250002}, new float[] {0.5f, 0.8f, 0.25f}),
                sparseRow(new long[] {7}, new float[] {0f})), sparse.getContentsList());
        assertEquals(1, ctx.dirty().size());
        assertEquals("collection \"sp1\": field \"sp\" (SparseFloatVector, from \"sp\"): weight -1.0 at index 6: "
                + "Milvus stores only non-negative finite sparse weights", ctx.dirty().get(0).message());
    }

    @Test
    void aNullVectorIsADirtyRecordNamingTheFieldAndNullAsEmptyStringUnlessTheFieldIsNullable() throws Exception {
        List<Row> rows = List.of(Row.of(SCHEMA, 1L, new SparseVector(new int[] {1}, new float[] {1f}), null),
                Row.of(SCHEMA, 2L, new SparseVector(new int[] {1}, new float[] {1f}), new float[] {1, 0}));
        TestPluginContext ctx = PluginHarness.write(factory, params("nv1", false), SCHEMA, rows, 10,
                new TestPluginContext("Writer"));
        assertEquals(1, server.rows("nv1").size());
        assertEquals(1, ctx.dirty().size());
        String m = ctx.dirty().get(0).message();
        assertTrue(m.contains("vector field \"dv\"") && m.contains("nullAsEmptyString") && m.contains("nullable"), m);

        TestPluginContext ctx2 = PluginHarness.write(factory, params("nv2", true), SCHEMA, rows, 10,
                new TestPluginContext("Writer"));
        assertTrue(ctx2.dirty().isEmpty(), ctx2.dirty().toString());
        List<Map<String, Object>> written = server.rows("nv2");
        assertEquals(2, written.size());
        assertEquals(null, written.get(0).get("dv"));
        assertEquals(List.of(false, true), server.inserts.get(server.inserts.size() - 1).getFieldsDataList().stream()
                .filter(f -> f.getFieldName().equals("dv")).findFirst().orElseThrow().getValidDataList());
    }
}
