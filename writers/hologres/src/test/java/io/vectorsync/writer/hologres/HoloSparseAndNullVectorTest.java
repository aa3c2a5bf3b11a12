package io.vectorsync.writer.hologres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sparse vectors as jsonb {"index": weight} and NULL vectors as NULL, on the real (embedded) PostgreSQL. */
class HoloSparseAndNullVectorTest {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64)
            .field("vec", DataType.floatVector(2)).field("sp", DataType.SPARSE_VECTOR).build();

    @Test
    void sparseVectorsAreJsonObjectsByIndexAndNullVectorsAreNull() throws Exception {
        HoloTestDatabase.exec("DROP TABLE IF EXISTS t_sparse");
        Map<String, Object> p = HoloTestDatabase.params("t_sparse");
        p.put("column", List.of("id", "vec", "sp"));
        p.put("createTableIfNotExist", true);
        p.put("primaryKey", List.of("id"));
        List<Row> rows = List.of(
                Row.of(SCHEMA, 1L, new float[] {1, 0}, new SparseVector(new int[] {7, 250002},
                        new float[] {0.5f, -1.25f})),
                Row.of(SCHEMA, 2L, null, null),
                Row.of(SCHEMA, 3L, new float[] {0, 1}, new SparseVector(new int[] {3}, new float[] {Float.NaN})));
        TestPluginContext ctx = PluginHarness.write(new HoloWriterFactory(), p, SCHEMA, rows, 10,
                new TestPluginContext("W"));

        List<String> stored = new ArrayList<>();
        try (Connection c = HoloTestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, vec IS NULL, coalesce(sp::text, 'SQL NULL'), pg_typeof(sp)::text, "
                     + "(sp->>'250002')::float4 FROM t_sparse ORDER BY id")) {
            while (rs.next()) {
                stored.add(rs.getLong(1) + " " + rs.getBoolean(2) + " " + rs.getString(3) + " " + rs.getString(4)
                        + " " + rs.getString(5));
            }
        }
        // negative weights are kept: jsonb has no rule against them, and the encoding is documented
        assertEquals(List.of("1 false {\"7\": 0.5, \"250002\": -1.25} jsonb -1.25", "2 true SQL NULL jsonb null"), stored);
        assertEquals(1, ctx.dirty().size());
        assertTrue(ctx.dirty().get(0).message().contains("sparse vector holds NaN at index 3, which JSON cannot store"),
                ctx.dirty().get(0).message());
    }
}
