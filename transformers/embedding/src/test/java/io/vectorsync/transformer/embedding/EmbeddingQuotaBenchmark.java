package io.vectorsync.transformer.embedding;

import io.vectorsync.api.record.Row;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.model.bailian.BailianModelFactory;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput at a provider's quota: the real Model Studio client against a loopback DashScope-format server with a
 * sliding one-second window of 20 requests, 50 ms latency, 10 texts per call (so the bound is 200 rows/s), two
 * streams. Prints rows/s as a share of the bound and the share of requests throttled, with
 * {@code requestsPerSecond: 20} configured and with nothing configured (adaptive).
 * Run: {@code mvn -B -q install -DskipTests -DskipITs} once, then {@code mvn -B -pl transformers/embedding test
 * -Dtest=EmbeddingQuotaBenchmark -Dbench -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.rows=N} rows per stream, default 3000).
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class EmbeddingQuotaBenchmark {
    private static final int ROWS_PER_STREAM = Integer.getInteger("bench.rows", 3000);
    private static final int QUOTA = 20;
    private static final int STREAMS = 2;

    @Test
    void configuredQuota() throws Exception {
        measure("configured requestsPerSecond: 20", 20);
    }

    @Test
    void adaptive() throws Exception {
        measure("adaptive (requestsPerSecond unset)", 0);
    }

    private static void measure(String label, double requestsPerSecond) throws Exception {
        try (QuotaServer server = new QuotaServer(QUOTA, 50)) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("modelProvider", "bailian");
            p.put("modelName", "text-embedding-v4");
            p.put("apiKey", "sk-bench-" + label.hashCode()); // a limiter of its own per measurement
            p.put("endpoint", server.endpoint());
            p.put("dimension", "64");
            p.put("batchSize", 10);
            p.put("embeddingColumns", Map.of("sourceColumnNames", List.of("title"), "embeddingColumnName", "vec"));
            p.put("persistentCache", Map.of("enabled", false));
            p.put("maxRetries", 20);
            p.put("concurrentRequests", Integer.getInteger("bench.concurrent", 8));
            if (requestsPerSecond > 0) {
                p.put("requestsPerSecond", requestsPerSecond);
            }
            TestPluginContext ctx = new TestPluginContext("embed", STREAMS).withModel(new BailianModelFactory());
            AtomicLong out = new AtomicLong();
            long start;
            try (Transformer t = EmbeddingTestSupport.open(p, ctx)) {
                ExecutorService pool = Executors.newFixedThreadPool(STREAMS);
                List<Future<?>> done = new ArrayList<>();
                start = System.nanoTime();
                for (int s = 0; s < STREAMS; s++) {
                    int stream = s;
                    done.add(pool.submit(() -> {
                        TransformOutput o = new TransformOutput() {
                            @Override
                            public void emit(Row record) {
                                out.incrementAndGet();
                            }

                            @Override
                            public void filter(Row input) {
                            }
                        };
                        for (int from = 0; from < ROWS_PER_STREAM; from += 200) {
                            List<Row> batch = new ArrayList<>();
                            for (int i = from; i < Math.min(ROWS_PER_STREAM, from + 200); i++) {
                                batch.add(EmbeddingTestSupport.row(i, "stream " + stream + " text " + i, ""));
                            }
                            t.transform(batch, o);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rowsPerSecond = out.get() / seconds;
            double bound = QUOTA * 10.0;
            System.out.printf("%s: %d rows in %.1f s = %.1f rows/s = %.1f %% of the %.0f rows/s bound; "
                            + "%d requests, %d throttled = %.2f %%%n", label, out.get(), seconds, rowsPerSecond,
                    100 * rowsPerSecond / bound, bound, server.requests.get(), server.throttled.get(),
                    100.0 * server.throttled.get() / server.requests.get());
        }
    }
}
