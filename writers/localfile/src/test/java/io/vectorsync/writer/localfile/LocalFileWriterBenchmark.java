package io.vectorsync.writer.localfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What publishing costs: a run of 384-dimension vector rows written with truncate (one rename at the end) and then
 * appended to a file that already holds many runs (copy of the existing file, fsync, rename), next to writing the
 * same rows straight to a file without any of it. Prints rows/s and the append's extra time.
 *
 * <p>Run: {@code mvn -pl writers/localfile test -Dtest=LocalFileWriterBenchmark -Dbench
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class LocalFileWriterBenchmark {
    private static final int ROWS = Integer.getInteger("bench.rows", 20_000);
    private static final int DIM = 384;
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
            .field("vec", DataType.floatVector(DIM)).build();

    @TempDir
    Path dir;

    @Test
    void publishCost() throws Exception {
        List<Row> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            float[] v = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                v[d] = (float) Math.sin(i + d);
            }
            rows.add(Row.of(SCHEMA, (long) i, "sentence number " + i, v));
        }
        for (int warm = 0; warm < 2; warm++) {
            run("truncate", rows);
        }
        long truncate = run("truncate", rows);
        long bytesOneRun = Files.size(dir.resolve("part-0.jsonl"));
        for (int i = 0; i < 9; i++) {
            run("append", rows); // the file grows to 10 runs
        }
        long sizeBefore = Files.size(dir.resolve("part-0.jsonl"));
        long append = run("append", rows);
        assertEquals(sizeBefore + bytesOneRun, Files.size(dir.resolve("part-0.jsonl")));
        System.out.printf("localfile %d rows (%.1f MB a run): truncate %.0f rows/s (%d ms); append to a %.1f MB file"
                        + " %.0f rows/s (%d ms, +%d ms for the copy-and-rename)%n", ROWS, bytesOneRun / 1e6,
                ROWS * 1e9 / truncate, truncate / 1_000_000, sizeBefore / 1e6, ROWS * 1e9 / append,
                append / 1_000_000, (append - truncate) / 1_000_000);
    }

    private long run(String mode, List<Row> rows) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("path", dir.toString());
        p.put("writeMode", mode);
        long start = System.nanoTime();
        PluginHarness.write(new LocalFileWriterFactory(), p, SCHEMA, rows, 1024, new TestPluginContext("bench"));
        return System.nanoTime() - start;
    }
}
