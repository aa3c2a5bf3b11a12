package io.vectorsync.bench;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.core.Engine;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Records/s of stream reader → stream writer (discard) on the installed plugins, per stream count, and the
 * ceiling: one producer handing the same records in batches of the same size to one consumer through an
 * {@link ArrayBlockingQueue}, nothing else. Arguments: plugin dir, records per stream, stream counts.
 */
public final class ThroughputBench {
    private static final String STRING_100 = "x".repeat(100);

    private ThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args[0]);
        long records = Long.parseLong(args[1]);
        List<Integer> streams = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            for (String s : args[i].split("\\s+")) {
                streams.add(Integer.parseInt(s));
            }
        }
        System.out.printf(Locale.ROOT, "records per stream: %,d; heap max %d MB; %d cores%n", records,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        double ceiling = rawQueue(records);
        System.out.printf(Locale.ROOT, "raw SPSC queue (ceiling), 1 producer/1 consumer: %,.2f M records/s%n", ceiling / 1e6);
        for (int n : streams) {
            double rate = job(plugins, records, n);
            System.out.printf(Locale.ROOT, "vectorsync stream->stream, %d stream(s): %,.2f M records/s in total "
                    + "(%.0f%% of the ceiling x streams)%n", n, rate / 1e6, 100 * rate / (ceiling * n));
        }
    }

    /** Runs the job and returns records per second of the reader → writer part. */
    private static double job(Path plugins, long recordsPerStream, int streams) throws Exception {
        Path dir = Files.createTempDirectory("vectorsync-bench");
        Path job = dir.resolve("bench.json");
        Files.writeString(job, """
                {"type":"job","version":"2.0","steps":[
                 {"stepType":"stream","category":"reader","name":"Reader","parameter":{
                   "column":[{"type":"long","value":"42"},{"type":"string","value":"%s"},{"type":"string","value":"hello"},
                             {"type":"double","value":"1.5"},{"type":"date","value":"2026-11-24 10:00:00","dateFormat":"yyyy-MM-dd HH:mm:ss"}],
                   "sliceRecordCount":"%d"}},
                 {"stepType":"stream","category":"writer","name":"Writer","parameter":{"print":false}}],
                 "setting":{"errorLimit":{"record":"0"},"speed":{"concurrent":%d,"throttle":false}}}
                """.formatted(STRING_100, recordsPerStream, streams));
        Engine engine = Engine.builder().pluginDirs(List.of(plugins)).includeClassPath(false)
                .dirtyFile(dir.resolve("dirty.jsonl"))
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ofSeconds(10))).build();
        long start = System.nanoTime();
        JobResult r = engine.run(job);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!r.succeeded() || r.recordsWritten() != recordsPerStream * streams) {
            throw new IllegalStateException("bench job failed: " + r.error() + ", written " + r.recordsWritten());
        }
        return r.recordsWritten() / seconds;
    }

    /** The same records, batched alike, through a bare queue between two threads. */
    private static double rawQueue(long records) throws Exception {
        Schema schema = Schema.builder().field("c0", DataType.INT64).field("c1", DataType.STRING)
                .field("c2", DataType.STRING).field("c3", DataType.FLOAT64).field("c4", DataType.TIMESTAMP).build();
        Row record = Row.of(schema, 42L, STRING_100, "hello", 1.5, Instant.parse("2026-11-24T10:00:00Z"));
        int batchSize = RunOptions.defaults().batchRecords();
        BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(8);
        List<Row> end = new ArrayList<>();
        long[] consumed = new long[1];
        Thread consumer = new Thread(() -> {
            try {
                for (List<Row> b = queue.take(); b != end; b = queue.take()) {
                    consumed[0] += b.size();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        consumer.start();
        long left = records;
        while (left > 0) {
            int n = (int) Math.min(batchSize, left);
            List<Row> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(record);
            }
            queue.put(batch);
            left -= n;
        }
        queue.put(end);
        consumer.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (consumed[0] != records) {
            throw new IllegalStateException("raw queue lost records");
        }
        return records / seconds;
    }
}
