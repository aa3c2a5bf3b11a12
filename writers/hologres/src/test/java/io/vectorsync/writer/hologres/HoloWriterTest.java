package io.vectorsync.writer.hologres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HoloWriterTest {
    private final HoloWriterFactory factory = new HoloWriterFactory();

    static final Schema DOC = Schema.builder().field("id", DataType.INT64).field("a", DataType.STRING)
            .field("vec", DataType.floatVector(4)).build();

    static float[] vec(int i) {
        return new float[] {i, i + 0.25f, -i / 3f, 1e-7f * i};
    }

    static List<Row> docs(int from, int to, String prefix) {
        List<Row> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Row.of(DOC, (long) i, prefix + i, vec(i)));
        }
        return out;
    }

    static void createDocs(String table, boolean pk) throws Exception {
        HoloTestDatabase.exec("DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id bigint" + (pk ? " PRIMARY KEY" : "") + ", a text, b text, "
                        + "vec float4[] CHECK (array_ndims(vec) = 1 AND array_length(vec, 1) = 4))");
    }

    /** id → [a, b, vec] as stored. */
    static Map<Long, Object[]> rows(String table) throws Exception {
        Map<Long, Object[]> out = new TreeMap<>();
        try (Connection c = HoloTestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, a, b, vec FROM " + table)) {
            while (rs.next()) {
                Array arr = rs.getArray(4);
                out.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getString(3), arr == null ? null : toFloats(arr)});
            }
        }
        return out;
    }

    static float[] toFloats(Array a) throws Exception {
        Float[] boxed = (Float[]) a.getArray();
        float[] f = new float[boxed.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = boxed[i];
        }
        return f;
    }

    static Map<String, Object> params(String table, String... kv) {
        Map<String, Object> p = HoloTestDatabase.params(table);
        p.put("column", List.of("id", "a", "vec"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    /** Runs the lifecycle by hand to also return the plan the writer chose. */
    HoloPlan write(Map<String, Object> params, Schema schema, List<Row> records, TestPluginContext ctx) throws Exception {
        try (HoloWriter w = (HoloWriter) factory.create(PluginHarness.bind(factory, params), ctx)) {
            w.bind(schema);
            w.check();
            w.prepare();
            try (WriterTask t = w.openTask(0)) {
                for (int i = 0; i < records.size(); i += 7) {
                    t.write(records.subList(i, Math.min(records.size(), i + 7)));
                }
                t.flush();
            }
            w.finish();
            return w.plan();
        }
    }

    private void seed(String table) throws Exception {
        createDocs(table, true);
        HoloTestDatabase.exec("INSERT INTO " + table + " VALUES (1, 'old1', 'keep1', '{9,9,9,9}'), "
                + "(2, 'old2', 'keep2', '{8,8,8,8}')");
    }

    @Test
    void replaceOverwritesTheWholeRowUnwrittenColumnsBecomeNull() throws Exception {
        seed("t_replace");
        HoloPlan plan = write(params("t_replace", "conflictMode", "replace"), DOC, docs(1, 4, "new"), new TestPluginContext("W"));
        assertFalse(plan.copy(), "a non-empty table with a key goes through INSERT … ON CONFLICT");
        Map<Long, Object[]> rows = rows("t_replace");
        assertEquals(3, rows.size());
        assertEquals("new1", rows.get(1L)[0]);
        assertNull(rows.get(1L)[1], "replace: b is not written, so it becomes NULL");
        assertArrayEquals(vec(1), (float[]) rows.get(1L)[2]);
        assertEquals("new3", rows.get(3L)[0]);
    }

    @Test
    void updateChangesOnlyWrittenColumns() throws Exception {
        seed("t_update");
        write(params("t_update", "conflictMode", "update"), DOC, docs(1, 4, "new"), new TestPluginContext("W"));
        Map<Long, Object[]> rows = rows("t_update");
        assertEquals("new1", rows.get(1L)[0]);
        assertEquals("keep1", rows.get(1L)[1]);
        assertArrayEquals(vec(2), (float[]) rows.get(2L)[2]);
        assertEquals(3, rows.size());
    }

    @Test
    void ignoreKeepsExistingRowsAndIsTheDefault() throws Exception {
        seed("t_ignore");
        write(params("t_ignore"), DOC, docs(1, 4, "new"), new TestPluginContext("W"));
        Map<Long, Object[]> rows = rows("t_ignore");
        assertEquals("old1", rows.get(1L)[0]);
        assertArrayEquals(new float[] {9, 9, 9, 9}, (float[]) rows.get(1L)[2]);
        assertEquals("new3", rows.get(3L)[0]);
    }

    @Test
    void legacyWriteModeSpellingsMapToConflictModes() throws Exception {
        for (String spelling : List.of("insertOrUpdate", "UPDATE", "insert_or_update")) {
            seed("t_legacy");
            write(params("t_legacy", "writeMode", spelling), DOC, docs(1, 2, "new"), new TestPluginContext("W"));
            Object[] row = rows("t_legacy").get(1L);
            assertEquals("new1", row[0], spelling);
            assertEquals("keep1", row[1], spelling + " must update, not replace");
        }
        seed("t_legacy");
        write(params("t_legacy", "writeMode", "REPLACE"), DOC, docs(1, 2, "new"), new TestPluginContext("W"));
        assertNull(rows("t_legacy").get(1L)[1]);
        seed("t_legacy");
        write(params("t_legacy", "writeMode", "insertOrIgnore"), DOC, docs(1, 2, "new"), new TestPluginContext("W"));
        assertEquals("old1", rows("t_legacy").get(1L)[0]);

        PluginException e = assertThrows(PluginException.class, () -> factory.create(PluginHarness.bind(factory,
                params("t_legacy", "writeMode", "insertOrReplace", "conflictMode", "ignore")), new TestPluginContext("W")));
        assertTrue(e.getMessage().contains("writeMode") && e.getMessage().contains("conflictMode"), e.getMessage());
        assertEquals(List.of("hologres"), factory.aliases());
    }

    @Test
    void rerunsAreIdempotentUpserts() throws Exception {
        createDocs("t_rerun", true);
        List<Row> recs = docs(0, 50, "v");
        write(params("t_rerun", "conflictMode", "replace"), DOC, recs, new TestPluginContext("W"));
        HoloPlan second = write(params("t_rerun", "conflictMode", "replace"), DOC, recs, new TestPluginContext("W"));
        assertFalse(second.copy());
        Map<Long, Object[]> rows = rows("t_rerun");
        assertEquals(50, rows.size());
        for (long i = 0; i < 50; i++) {
            assertEquals("v" + i, rows.get(i)[0]);
            assertArrayEquals(vec((int) i), (float[]) rows.get(i)[2]);
        }
    }

    @Test
    void truncateEmptiesTheTableAndTheLoadUsesBinaryCopy() throws Exception {
        seed("t_trunc");
        TestPluginContext ctx = new TestPluginContext("W");
        Map<String, Object> p = params("t_trunc", "truncate", "true");
        p.put("batchSize", 16);
        HoloPlan plan = write(p, DOC, docs(10, 60, "c"), ctx);
        assertTrue(plan.copy(), "empty after truncate: no conflict possible, so COPY");
        Map<Long, Object[]> rows = rows("t_trunc");
        assertEquals(50, rows.size());
        assertFalse(rows.containsKey(1L));
        assertArrayEquals(vec(42), (float[]) rows.get(42L)[2]);
        assertEquals(50, ctx.counter("rowsWritten"));
    }

    @Test
    void vectorsOf768DimensionsRoundTripBitExactThroughCopyAndInsert() throws Exception {
        Schema s = Schema.builder().field("id", DataType.INT64).field("emb", DataType.floatVector(768)).build();
        Random rnd = new Random(7);
        List<Row> recs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[] f = new float[768];
            for (int k = 0; k < f.length; k++) {
                f[k] = (float) rnd.nextGaussian() * (k % 7 == 0 ? 1e-30f : 1f);
            }
            f[0] = -0.0f;
            f[1] = Float.MIN_VALUE;
            recs.add(Row.of(s, (long) i, f));
        }
        for (boolean pk : new boolean[] {false, true}) {
            HoloTestDatabase.exec("DROP TABLE IF EXISTS t_vec", "CREATE TABLE t_vec (id bigint" + (pk ? " PRIMARY KEY" : "")
                    + ", emb float4[] CHECK (array_ndims(emb) = 1 AND array_length(emb, 1) = 768))");
            if (pk) {
                HoloTestDatabase.exec("INSERT INTO t_vec VALUES (-1, array_fill(0::float4, ARRAY[768]))");
            }
            Map<String, Object> p = HoloTestDatabase.params("t_vec");
            p.put("column", List.of("*"));
            p.put("conflictMode", "replace");
            HoloPlan plan = write(p, s, recs, new TestPluginContext("W"));
            assertEquals(!pk, plan.copy());
            try (Connection c = HoloTestDatabase.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, emb FROM t_vec WHERE id >= 0 ORDER BY id")) {
                int n = 0;
                while (rs.next()) {
                    float[] want = (float[]) recs.get((int) rs.getLong(1)).get(1);
                    float[] got = toFloats(rs.getArray(2));
                    for (int k = 0; k < 768; k++) {
                        assertEquals(Float.floatToRawIntBits(want[k]), Float.floatToRawIntBits(got[k]), "element " + k);
                    }
                    n++;
                }
                assertEquals(40, n);
            }
        }
    }

    @Test
    void aRejectedRecordIsOneDirtyRecordWhileBatchMatesLand() throws Exception {
        for (boolean pk : new boolean[] {false, true}) {
            HoloTestDatabase.exec("DROP TABLE IF EXISTS t_bad", "CREATE TABLE t_bad (id bigint" + (pk ? " PRIMARY KEY" : "")
                    + ", a varchar(5) NOT NULL, vec float4[] CHECK (array_ndims(vec) = 1 AND array_length(vec, 1) = 4))");
            if (pk) {
                HoloTestDatabase.exec("INSERT INTO t_bad VALUES (100, 'x', '{1,1,1,1}')");
            }
            List<Row> recs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                recs.add(Row.of(DOC, (long) i, i == 3 ? "much too long" : i == 7 ? null : "ok" + i, vec(i)));
            }
            TestPluginContext ctx = new TestPluginContext("W");
            Map<String, Object> p = params("t_bad", "conflictMode", "replace");
            p.put("batchSize", 10);
            HoloPlan plan = write(p, DOC, recs, ctx);
            assertEquals(!pk, plan.copy());
            List<Long> ids = new ArrayList<>();
            try (Connection c = HoloTestDatabase.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id FROM t_bad WHERE id < 100 ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            assertEquals(List.of(0L, 1L, 2L, 4L, 5L, 6L, 8L, 9L), ids, "pk=" + pk);
            assertEquals(2, ctx.dirty().size(), ctx.dirty().toString());
            assertEquals(recs.get(3), ctx.dirty().get(0).record());
            assertEquals(HoloErrorCode.RECORD_REJECTED, ctx.dirty().get(0).code());
            assertTrue(ctx.dirty().get(0).message().contains("value too long"), ctx.dirty().get(0).message());
            assertTrue(ctx.dirty().get(1).message().contains("not-null") || ctx.dirty().get(1).message().contains("null value"),
                    ctx.dirty().get(1).message());
            assertFalse(ctx.dirty().toString().contains("not-checked-by-trust-auth"));
            assertEquals(8, ctx.counter("rowsWritten"));
        }
    }

    @Test
    void schemaQualifiedTableAndStarColumns() throws Exception {
        HoloTestDatabase.exec("CREATE SCHEMA IF NOT EXISTS rag", "DROP TABLE IF EXISTS rag.docs",
                "CREATE TABLE rag.docs (id bigint PRIMARY KEY, a text, extra text DEFAULT 'd', vec float4[])");
        Map<String, Object> p = HoloTestDatabase.params("rag.docs");
        p.put("column", List.of("*"));
        write(p, DOC, docs(0, 3, "s"), new TestPluginContext("W"));
        try (Connection c = HoloTestDatabase.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), min(extra), max(a) FROM rag.docs")) {
            rs.next();
            assertEquals(3, rs.getInt(1));
            assertEquals("d", rs.getString(2), "columns not upstream keep their default");
            assertEquals("s2", rs.getString(3));
        }
        Map<String, Object> q = HoloTestDatabase.params("docs");
        q.put("schema", "rag");
        q.put("column", List.of("id", "a"));
        q.put("conflictMode", "update");
        write(q, DOC, List.of(Row.of(DOC, 0L, "updated", vec(0))), new TestPluginContext("W"));
        try (Connection c = HoloTestDatabase.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT a FROM rag.docs WHERE id = 0")) {
            rs.next();
            assertEquals("updated", rs.getString(1));
        }
    }

    @Test
    void duplicateKeysInOneBatchLastOneWins() throws Exception {
        createDocs("t_dup", true);
        HoloTestDatabase.exec("INSERT INTO t_dup VALUES (0, 'x', 'y', '{0,0,0,0}')");
        List<Row> recs = List.of(Row.of(DOC, 5L, "first", vec(1)), Row.of(DOC, 5L, "second", vec(2)));
        write(params("t_dup", "conflictMode", "replace"), DOC, recs, new TestPluginContext("W"));
        assertEquals("second", rows("t_dup").get(5L)[0]);
        // and through COPY: the duplicate makes the COPY fail, the batch then goes through INSERT
        createDocs("t_dup", true);
        HoloPlan plan = write(params("t_dup", "conflictMode", "replace"), DOC, recs, new TestPluginContext("W"));
        assertTrue(plan.copy());
        assertEquals("second", rows("t_dup").get(5L)[0]);
        assertEquals(1, rows("t_dup").size());
    }

    @Test
    void problemsAreReportedBeforeWriting() throws Exception {
        PluginException missing = assertThrows(PluginException.class, () -> write(params("no_such_table"), DOC,
                docs(0, 1, "x"), new TestPluginContext("W")));
        assertEquals(HoloErrorCode.TABLE_MISSING, missing.errorCode());
        assertTrue(missing.getMessage().contains("\"public\".\"no_such_table\"") && missing.getMessage().contains("createTableIfNotExist"));

        createDocs("t_dim", true);
        Schema wide = Schema.builder().field("id", DataType.INT64).field("a", DataType.STRING)
                .field("vec", DataType.floatVector(8)).build();
        PluginException dim = assertThrows(PluginException.class, () -> write(params("t_dim"), wide, List.of(),
                new TestPluginContext("W")));
        assertEquals(HoloErrorCode.DIMENSION_MISMATCH, dim.errorCode());
        assertTrue(dim.getMessage().contains("dimension 4") && dim.getMessage().contains("has 8"), dim.getMessage());

        Map<String, Object> noPk = params("t_dim", "conflictMode", "update");
        noPk.put("column", List.of("a", "vec"));
        PluginException pk = assertThrows(PluginException.class, () -> write(noPk, DOC, List.of(), new TestPluginContext("W")));
        assertEquals(HoloErrorCode.COLUMN_INVALID, pk.errorCode());
        assertTrue(pk.getMessage().contains("primary key column \"id\""), pk.getMessage());

        Map<String, Object> typo = params("t_dim");
        typo.put("column", List.of("id", "aa"));
        PluginException col = assertThrows(PluginException.class, () -> write(typo, DOC, List.of(), new TestPluginContext("W")));
        assertTrue(col.getMessage().contains("column[1] \"aa\""), col.getMessage());
    }

    @Test
    void createsTheTableOnPostgresWithTheDimensionCheck() throws Exception {
        HoloTestDatabase.exec("DROP TABLE IF EXISTS t_new");
        Map<String, Object> p = params("t_new", "createTableIfNotExist", "true");
        p.put("primaryKey", List.of("id"));
        p.put("vectorIndex", Map.of("algorithm", "HGraph", "distance_method", "Cosine"));
        HoloPlan plan = write(p, DOC, docs(0, 5, "n"), new TestPluginContext("W"));
        assertTrue(plan.copy());
        try (Connection c = HoloTestDatabase.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), max(a) FROM t_new")) {
            rs.next();
            assertEquals(5, rs.getInt(1));
            assertEquals("n4", rs.getString(2));
        }
        assertEquals(List.of("id"), plan.primaryKey());
        assertEquals(4, plan.columns().get(2).dimension(), "the CHECK was created and is read back");
    }

    @Test
    void hologresDdlCarriesTheVectorIndexProperties() {
        Map<String, Object> p = params("rag.docs", "createTableIfNotExist", "true");
        p.put("primaryKey", List.of("id"));
        p.put("vectorIndex", Map.of("algorithm", "HGraph", "distance_method", "Cosine",
                "builder_params", Map.of("max_degree", 64)));
        HoloWriter w = (HoloWriter) factory.create(PluginHarness.bind(factory, p), new TestPluginContext("W"));
        w.bind(DOC);
        w.forceHologres(true);
        assertEquals(List.of("CREATE TABLE IF NOT EXISTS \"rag\".\"docs\" (\"id\" bigint NOT NULL, \"a\" text, "
                + "\"vec\" float4[] CHECK (array_ndims(\"vec\") = 1 AND array_length(\"vec\", 1) = 4), PRIMARY KEY (\"id\")) "
                + "WITH (vectors = '{\"vec\":{\"algorithm\":\"HGraph\",\"distance_method\":\"Cosine\","
                + "\"builder_params\":{\"max_degree\":64}}}')"), w.createStatements());

        p.put("vectorIndex", Map.of("algorithm", "Graph", "distance_method", "SquaredEuclidean"));
        HoloWriter proxima = (HoloWriter) factory.create(PluginHarness.bind(factory, p), new TestPluginContext("W"));
        proxima.bind(DOC);
        proxima.forceHologres(true);
        List<String> sql = proxima.createStatements();
        assertEquals("CREATE EXTENSION IF NOT EXISTS proxima", sql.get(0));
        assertEquals("BEGIN", sql.get(1));
        assertEquals("CALL set_table_property('\"rag\".\"docs\"', 'proxima_vectors', "
                + "'{\"vec\":{\"algorithm\":\"Graph\",\"distance_method\":\"SquaredEuclidean\"}}')", sql.get(3));
        assertEquals("COMMIT", sql.get(4));
        proxima.forceHologres(false);
        assertEquals(1, proxima.createStatements().size(), "plain PostgreSQL: no index properties");
    }

    @Test
    void partitionValueGoesToEveryRowAndTruncateClearsOnlyThatPartition() throws Exception {
        HoloTestDatabase.exec("DROP TABLE IF EXISTS t_part",
                "CREATE TABLE t_part (id bigint, ds text, a text, vec float4[]) PARTITION BY LIST (ds)",
                "CREATE TABLE t_part_1 PARTITION OF t_part FOR VALUES IN ('20240101')",
                "CREATE TABLE t_part_2 PARTITION OF t_part FOR VALUES IN ('20240102')",
                "INSERT INTO t_part VALUES (1, '20240101', 'old', NULL), (2, '20240102', 'other', NULL)");
        Map<String, Object> p = params("t_part", "partition", "ds=20240101", "truncate", "true");
        write(p, DOC, docs(10, 13, "p"), new TestPluginContext("W"));
        try (Connection c = HoloTestDatabase.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT string_agg(id::text, ',' ORDER BY id) FROM t_part_1 "
                     + "UNION ALL SELECT string_agg(id::text, ',') FROM t_part_2")) {
            rs.next();
            assertEquals("10,11,12", rs.getString(1));
            rs.next();
            assertEquals("2", rs.getString(1));
        }
    }

    @Test
    void connectFailureNamesTheUrlButNotThePassword() {
        Map<String, Object> p = params("t");
        p.put("endpoint", "localhost:1");
        p.put("password", "pw-very-secret");
        PluginException e = assertThrows(PluginException.class, () -> write(p, DOC, List.of(), new TestPluginContext("W")));
        assertEquals(HoloErrorCode.CONNECT_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains("jdbc:postgresql://localhost:1/postgres"), e.getMessage());
        assertFalse(e.getMessage().contains("pw-very-secret"));
    }
}
