package io.vectorsync.reader.localfile;

import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.Split;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A large csv file (bench.mb, default 256) read as one split and as 64 MB line ranges (bench.split.mb) on 1 and 2
 * threads (after a warm-up read, two rounds); also the planning cost: the quote-aware scan csv needs against the
 * seek text needs.
 * {@code mvn -pl readers/localfile test -Dbench -Dtest=LocalFileSplitBenchmark}
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class LocalFileSplitBenchmark {
    @Test
    void largeCsv() throws Exception {
        long targetBytes = Long.getLong("bench.mb", 256L) << 20;
        long splitSize = Long.getLong("bench.split.mb", 64L) << 20;
        Path file = Files.createTempFile("localfile-bench", ".csv");
        long lines = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String pad = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. ".repeat(3);
            long written = 0;
            while (written < targetBytes) {
                String line = lines + ",\"chunk " + lines + " " + pad + (lines % 50 == 0 ? "\nsecond line" : "")
                        + "\"," + (lines * 0.5) + "\n";
                w.write(line);
                written += line.length();
                lines++;
            }
        }
        try {
            System.out.printf("file: %d records, %.1f MB%n", lines, Files.size(file) / 1048576.0);
            for (String format : new String[] {"csv", "text"}) {
                Map<String, Object> p = params(file, format, splitSize);
                long t0 = System.nanoTime();
                int n;
                try (Reader r = new LocalFileReaderFactory().create(PluginHarness.bind(new LocalFileReaderFactory(), p),
                        new TestPluginContext("bench"))) {
                    n = r.planSplits(1).size();
                }
                System.out.printf("planning %s: %d splits in %.0f ms%n", format, n, (System.nanoTime() - t0) / 1e6);
            }
            run(file, Long.MAX_VALUE, 1, lines); // warm-up: JIT and page cache
            for (int round = 1; round <= 2; round++) {
                System.out.println("round " + round);
                run(file, Long.MAX_VALUE, 1, lines);
                run(file, splitSize, 1, lines);
                run(file, splitSize, 2, lines);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, Object> params(Path file, String format, long splitSize) {
        Map<String, Object> p = new HashMap<>();
        p.put("path", file.toString());
        p.put("fileFormat", format);
        p.put("splitSize", splitSize);
        p.put("column", List.of(Map.of("index", 0, "type", "long"), Map.of("index", 1), Map.of("index", 2,
                "type", "double")));
        return p;
    }

    private static void run(Path file, long splitSize, int threads, long expected) throws Exception {
        LocalFileReaderFactory factory = new LocalFileReaderFactory();
        Map<String, Object> p = params(file, "csv", splitSize);
        try (Reader reader = factory.create(PluginHarness.bind(factory, p), new TestPluginContext("bench", threads))) {
            long t0 = System.nanoTime();
            List<? extends Split> splits = reader.planSplits(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> counts = new ArrayList<>();
            for (Split s : splits) {
                counts.add(pool.submit(() -> PluginHarness.readSplit(reader, s).size()));
            }
            long total = 0;
            for (Future<Integer> f : counts) {
                total += f.get();
            }
            pool.shutdown();
            double secs = (System.nanoTime() - t0) / 1e9;
            if (total != expected) {
                throw new AssertionError("read " + total + " records, expected " + expected);
            }
            System.out.printf("%d split(s), %d thread(s): %.2f s, %.0f records/s, %.0f MB/s%n", splits.size(), threads,
                    secs, total / secs, Files.size(file) / 1048576.0 / secs);
        }
    }
}
