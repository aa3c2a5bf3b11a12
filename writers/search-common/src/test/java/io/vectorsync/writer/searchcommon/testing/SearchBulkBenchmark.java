package io.vectorsync.writer.searchcommon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Documents per second writing 384-dimension vectors through the writer versus a raw {@code _bulk} upload of the
 * same documents, pre-serialized NDJSON sent by the JDK HTTP client, on the same node in the same run. Each search
 * writer's benchmark extends this with its {@link SearchProduct} and its vector mapping (and
 * {@code @EnabledIfSystemProperty(named = "bench", matches = ".*")}, so that it runs only with {@code -Dbench}).
 */
public abstract class SearchBulkBenchmark {
    /** The vectors' dimension. */
    protected static final int DIM = 384;
    private static final int DOCS = Integer.getInteger("bench.docs", 20_000);
    private static final int BATCH = 1000;
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.STRING).field("text", DataType.STRING)
            .field("vec", DataType.floatVector(DIM)).build();

    private final SearchProduct product;

    protected SearchBulkBenchmark(SearchProduct product) {
        this.product = product;
    }

    /** The mapping of the {@code vec} field: {@link #DIM} dimensions, indexed for cosine similarity. */
    protected abstract Map<String, Object> vectorMapping();

    private SearchTestClient client() {
        return product.client();
    }

    private String url() {
        return product.url().get();
    }

    @Test
    void writerVersusRawBulk() throws Exception {
        Random rnd = new Random(42);
        List<Row> records = new ArrayList<>(DOCS);
        for (int i = 0; i < DOCS; i++) {
            float[] v = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                v[d] = rnd.nextFloat() * 2 - 1;
            }
            records.add(Row.of(SCHEMA, "doc-" + i, "chunk number " + i + " of the benchmark corpus", v));
        }
        // warm both paths (JIT, index creation code paths) on small throwaway indexes
        rawBulk("warm-raw", records.subList(0, 2000));
        writer("warm-writer", records.subList(0, 2000));

        // three rounds, alternating; each index is deleted once counted so that its background merges do not
        // slow down the next run; the median of each path is compared
        double[] raw = new double[3];
        double[] writer = new double[3];
        for (int round = 0; round < 3; round++) {
            raw[round] = rawBulk("bench-raw-" + round, records);
            writer[round] = writer("bench-writer-" + round, records);
        }
        System.out.printf("%s bulk benchmark, %d docs x %d dims, batch %d:%n", product.name(), DOCS, DIM, BATCH);
        System.out.printf("  raw _bulk (JDK HttpClient, pre-serialized NDJSON): %s docs/s%n", Arrays.toString(rounded(raw)));
        System.out.printf("  %s writer: %s docs/s%n", product.name(), Arrays.toString(rounded(writer)));
        System.out.printf("  ratio of medians writer/raw: %.2f%n", median(writer) / median(raw));
    }

    private static long[] rounded(double[] v) {
        return Arrays.stream(v).mapToLong(Math::round).toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private void createIndex(String index) throws Exception {
        Map<String, Object> settings = new HashMap<>(product.indexSettings());
        settings.put("number_of_shards", 1);
        settings.put("number_of_replicas", 0);
        client().send("PUT", "/" + index, Map.of("settings", settings, "mappings", Map.of("properties",
                Map.of("text", Map.of("type", "text"), "vec", vectorMapping()))));
    }

    private double rawBulk(String index, List<Row> records) throws Exception {
        createIndex(index);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < records.size(); i += BATCH) {
            StringBuilder sb = new StringBuilder();
            for (Row r : records.subList(i, Math.min(records.size(), i + BATCH))) {
                sb.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(r.get(0))
                        .append("\"}}\n{\"text\":\"").append(r.get(1)).append("\",\"vec\":[");
                float[] v = (float[]) r.get(2);
                for (int d = 0; d < v.length; d++) {
                    sb.append(d > 0 ? "," : "").append(v[d]);
                }
                sb.append("]}\n");
            }
            bodies.add(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long t0 = System.nanoTime();
        for (byte[] body : bodies) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/_bulk"))
                    .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || r.body().contains("\"errors\":true")) {
                throw new IllegalStateException(r.body().substring(0, Math.min(500, r.body().length())));
            }
        }
        client().send("POST", "/" + index + "/_refresh", null);
        double rate = records.size() / ((System.nanoTime() - t0) / 1e9);
        assertEquals(records.size(), client().count(index));
        client().send("DELETE", "/" + index, null);
        return rate;
    }

    private double writer(String index, List<Row> records) throws Exception {
        createIndex(index);
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", url());
        p.put("index", index);
        p.put("batchSize", BATCH);
        Map<String, Object> vec = new HashMap<>(product.vectorColumn(DIM));
        vec.put("name", "vec");
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "text", "type", "text"), vec));
        long t0 = System.nanoTime();
        TestPluginContext ctx = PluginHarness.write(product.factory().get(), p, SCHEMA, records, 256,
                new TestPluginContext("bench"));
        double rate = records.size() / ((System.nanoTime() - t0) / 1e9);
        assertEquals(records.size(), ctx.counter("documentsWritten"));
        assertEquals(records.size(), client().count(index));
        client().send("DELETE", "/" + index, null);
        return rate;
    }
}
