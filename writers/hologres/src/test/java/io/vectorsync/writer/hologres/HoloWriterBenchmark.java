package io.vectorsync.writer.hologres;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * rows/s of the writer loading 768-dimension vectors into PostgreSQL (COPY path, and INSERT … ON CONFLICT path)
 * versus a plain-JDBC {@code COPY … (FORMAT binary)} of the same rows, in the same run.
 * Run: {@code mvn -pl writers/hologres test -Dtest=HoloWriterBenchmark -Dbench -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class HoloWriterBenchmark {
    private static final int ROWS = Integer.getInteger("bench.rows", 20_000);
    private static final int DIM = 768;

    @Test
    void writerVersusPlainBinaryCopy() throws Exception {
        Schema s = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
                .field("vec", DataType.floatVector(DIM)).build();
        Random rnd = new Random(1);
        List<Row> recs = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            float[] f = new float[DIM];
            for (int k = 0; k < DIM; k++) {
                f[k] = rnd.nextFloat() - 0.5f;
            }
            recs.add(Row.of(s, (long) i, "sentence number " + i, f));
        }
        String ddl = " (id bigint, text text, vec float4[] CHECK (array_ndims(vec) = 1 AND array_length(vec, 1) = 768))";
        double bestWriter = 0;
        double bestCopy = 0;
        double bestInsert = 0;
        for (int round = 0; round < 3; round++) {
            HoloTestDatabase.exec("DROP TABLE IF EXISTS bench_w", "CREATE TABLE bench_w" + ddl);
            long t0 = System.nanoTime();
            Map<String, Object> p = HoloTestDatabase.params("bench_w");
            PluginHarness.write(new HoloWriterFactory(), p, s, recs, 1024, new TestPluginContext("W"));
            bestWriter = Math.max(bestWriter, ROWS / ((System.nanoTime() - t0) / 1e9));
            check("bench_w");

            HoloTestDatabase.exec("DROP TABLE IF EXISTS bench_c", "CREATE TABLE bench_c" + ddl);
            t0 = System.nanoTime();
            plainCopy(recs);
            bestCopy = Math.max(bestCopy, ROWS / ((System.nanoTime() - t0) / 1e9));
            check("bench_c");

            HoloTestDatabase.exec("DROP TABLE IF EXISTS bench_i", "CREATE TABLE bench_i (id bigint PRIMARY KEY, text text, "
                    + "vec float4[])", "INSERT INTO bench_i VALUES (-1, 'seed', NULL)");
            t0 = System.nanoTime();
            Map<String, Object> q = HoloTestDatabase.params("bench_i");
            q.put("conflictMode", "replace");
            PluginHarness.write(new HoloWriterFactory(), q, s, recs, 1024, new TestPluginContext("W"));
            bestInsert = Math.max(bestInsert, ROWS / ((System.nanoTime() - t0) / 1e9));
        }
        System.out.printf("HoloWriterBenchmark rows=%d dim=%d: writer(COPY path) %.0f rows/s, plain JDBC binary COPY %.0f "
                + "rows/s, ratio %.2f; writer(INSERT ON CONFLICT path) %.0f rows/s%n", ROWS, DIM, bestWriter, bestCopy,
                bestWriter / bestCopy, bestInsert);
    }

    private static void check(String table) throws Exception {
        try (Connection c = HoloTestDatabase.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            if (rs.getInt(1) != ROWS) {
                throw new AssertionError(table + " has " + rs.getInt(1) + " rows");
            }
        }
    }

    private static void plainCopy(List<Row> recs) throws Exception {
        try (Connection c = HoloTestDatabase.connect();
             PGCopyOutputStream os = new PGCopyOutputStream(c.unwrap(PGConnection.class),
                     "COPY bench_c (id, text, vec) FROM STDIN (FORMAT binary)", 1 << 16);
             DataOutputStream out = new DataOutputStream(os)) {
            out.writeBytes("PGCOPY\n");
            out.write(new byte[] {(byte) 0xFF, '\r', '\n', 0});
            out.writeInt(0);
            out.writeInt(0);
            for (Row r : recs) {
                out.writeShort(3);
                out.writeInt(8);
                out.writeLong((Long) r.get(0));
                byte[] text = ((String) r.get(1)).getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
                float[] f = (float[]) r.get(2);
                out.writeInt(20 + f.length * 8);
                out.writeInt(1);
                out.writeInt(0);
                out.writeInt(700);
                out.writeInt(f.length);
                out.writeInt(1);
                for (float x : f) {
                    out.writeInt(4);
                    out.writeFloat(x);
                }
            }
            out.writeShort(-1);
        }
    }
}
