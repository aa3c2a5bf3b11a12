package io.vectorsync.core.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.core.Engine;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same onnx job (localfile -> embedding with the in-process all-MiniLM-L6-v2 -> localfile) on the local
 * engine with 2 streams and on the embedded MiniCluster with 2 slots, alternating, best of 3 each; prints both
 * rates and the Flink path's overhead. Run: {@code mvn -pl core/flink test -Dtest=FlinkEngineBenchmark -Dbench}.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class FlinkEngineBenchmark {
    private static final int FILES = 4;
    private static final int LINES = 1500;

    @TempDir
    Path dir;

    @Test
    void localVersusMiniCluster() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        String[] words = {"river", "bank", "model", "vector", "search", "quiet", "storm", "green", "table", "light"};
        for (int f = 0; f < FILES; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                int n = f * LINES + i;
                sb.append("\"The ").append(words[n % 10]).append(" and the ").append(words[(n / 10) % 10])
                        .append(" met a ").append(words[(n / 100) % 10]).append(" near ").append(n).append("\"\n");
            }
            Files.writeString(in.resolve("part-" + f + ".csv"), sb);
        }
        double bestLocal = 0;
        double bestFlink = 0;
        for (int round = 0; round < 3; round++) {
            Path localOut = dir.resolve("local-" + round);
            Path flinkOut = dir.resolve("flink-" + round);
            JobResult local = engine().run(job(in, localOut));
            JobResult flink = new FlinkEngine(engine(), FlinkTarget.embedded(FlinkEngineTest.pluginDirs()))
                    .run(job(in, flinkOut));
            assertTrue(local.succeeded(), local.error());
            assertTrue(flink.succeeded(), flink.error());
            assertEquals(FILES * LINES, flink.recordsWritten());
            assertEquals(FlinkEngineTest.lines(localOut), FlinkEngineTest.lines(flinkOut), "same records, same vectors");
            double localRate = local.recordsWritten() * 1000.0 / local.durationMs();
            double flinkRate = flink.recordsWritten() * 1000.0 / flink.durationMs();
            System.out.printf(Locale.ROOT, "round %d: local %.0f rec/s (%d ms), flink %.0f rec/s (%d ms)%n", round,
                    localRate, local.durationMs(), flinkRate, flink.durationMs());
            bestLocal = Math.max(bestLocal, localRate);
            bestFlink = Math.max(bestFlink, flinkRate);
        }
        System.out.printf(Locale.ROOT, "BENCH onnx %d records, 2 streams/slots: local %.0f rec/s, Flink MiniCluster "
                + "%.0f rec/s, overhead %.1f %%%n", FILES * LINES, bestLocal, bestFlink, 100 * (1 - bestFlink / bestLocal));
    }

    private static Engine engine() {
        return Engine.builder().pluginDirs(FlinkEngineTest.pluginDirs())
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
    }

    private Path job(Path in, Path out) throws Exception {
        Path file = Files.createTempFile(dir, "job-", ".json");
        Files.writeString(file, OnnxJobs.job(in, out, 2));
        return file;
    }
}
