package io.vectorsync.reader.oss;

import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.BufferedReader;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records/s reading a ~1 GB jsonl corpus (bench.mb, default 1024) through the oss reader from the loopback fake
 * (served from disk), with 1 and 2 streams, against a plain in-process BufferedReader over the same file.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class OssReaderBenchmark {
    @Test
    void jsonlCorpus() throws Exception {
        long targetBytes = Long.getLong("bench.mb", 1024L) << 20;
        Path dir = Files.createTempDirectory("oss-bench");
        Path file = dir.resolve("corpus.jsonl");
        long lines = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String pad = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. ".repeat(4);
            long written = 0;
            while (written < targetBytes) {
                String line = "{\"id\":" + lines + ",\"text\":\"chunk " + lines + " " + pad + "\"}";
                w.write(line);
                w.write('\n');
                written += line.length() + 1;
                lines++;
            }
        }
        long size = Files.size(file);
        System.out.printf("corpus: %d lines, %.1f MB%n", lines, size / 1048576.0);
        try (FakeOssServer oss = new FakeOssServer()) {
            oss.putFile("bench", "corpus.jsonl", file);
            baseline(file, lines, size);
            for (int streams : new int[] {1, 2}) {
                run(oss, streams, lines, size);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static void baseline(Path file, long lines, long size) throws Exception {
        long t0 = System.nanoTime();
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    n++;
                }
            }
        }
        report("BufferedReader baseline (local file)", n, lines, size, System.nanoTime() - t0);
    }

    private static void run(FakeOssServer oss, int streams, long lines, long size) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", oss.endpoint());
        p.put("bucket", "bench");
        p.put("accessId", "bench");
        p.put("accessKey", "bench");
        p.put("fileFormat", "jsonl");
        p.put("object", List.of("corpus.jsonl"));
        p.put("column", List.of(Map.of("name", "chunk_text", "index", 0, "type", "string")));
        OssReaderFactory factory = new OssReaderFactory();
        TestPluginContext ctx = new TestPluginContext("bench", streams);
        long t0 = System.nanoTime();
        AtomicLong count = new AtomicLong();
        try (Reader reader = factory.create(PluginHarness.bind(factory, p), ctx)) {
            List<? extends Split> splits = reader.planSplits(streams);
            ExecutorService pool = Executors.newFixedThreadPool(streams);
            List<Future<?>> futures = new ArrayList<>();
            for (Split s : splits) {
                futures.add(pool.submit(() -> {
                    try (SplitReader sr = reader.open(s)) {
                        long[] local = {0};
                        while (sr.poll(rec -> local[0]++) != PollStatus.END) {
                            // keep polling
                        }
                        count.addAndGet(local[0]);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            report("oss reader via loopback fake, " + streams + " stream(s), " + splits.size() + " split(s)",
                    count.get(), lines, size, System.nanoTime() - t0);
        }
    }

    private static void report(String what, long n, long expected, long size, long nanos) {
        double s = nanos / 1e9;
        System.out.printf("%-60s %,d records in %.2f s: %,.0f records/s, %.0f MB/s%s%n", what, n, s, n / s,
                size / 1048576.0 / s, n == expected ? "" : " (MISMATCH: expected " + expected + ")");
    }
}
