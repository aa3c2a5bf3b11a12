package io.vectorsync.writer.ha3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Client-side cost of the writer: documents per second pushed to a loopback endpoint that accepts every push,
 * against a bare OkHttp loop posting the same bodies serialized beforehand. Skipped unless {@code -Dbench}.
 * Run: {@code mvn -B -o -pl writers/opensearch-vector test -Dtest=Ha3PushBenchmark -Dbench}.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class Ha3PushBenchmark {
    private static final int DOCS = Integer.getInteger("bench.docs", 20_000);
    private static final int DIM = 384;
    private static final int BATCH = 300;

    @Test
    void pushThroughput() throws Exception {
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bytes.addAndGet(in.readAllBytes().length);
            }
            byte[] ok = "{\"status\":\"OK\",\"code\":200}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        Schema schema = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
                .field("vec", DataType.floatVector(DIM)).build();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            float[] v = new float[DIM];
            for (int k = 0; k < DIM; k++) {
                v[k] = (float) Math.sin(i + k);
            }
            rows.add(Row.of(schema, (long) i, "chunk number " + i + " of the benchmark corpus", v));
        }
        try {
            double[] raw = new double[3];
            double[] writer = new double[3];
            for (int round = 0; round < 3; round++) {
                raw[round] = raw(endpoint, rows);
                writer[round] = writer(endpoint, schema, rows);
            }
            System.out.printf("opensearch-vector push benchmark, %d docs x %d dims, batch %d:%n", DOCS, DIM, BATCH);
            System.out.printf("  bare OkHttp, bodies serialized beforehand: %.0f / %.0f / %.0f docs/s%n", raw[0], raw[1], raw[2]);
            System.out.printf("  writer (encode + push):                    %.0f / %.0f / %.0f docs/s%n",
                    writer[0], writer[1], writer[2]);
            System.out.printf("  ratio, best round: %.2f%n", max(writer) / max(raw));
        } finally {
            server.stop(0);
        }
    }

    private static double writer(String endpoint, Schema schema, List<Row> rows) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", endpoint);
        p.put("username", "u");
        p.put("password", "p");
        p.put("table", "bench");
        p.put("column", List.of("*"));
        p.put("batchSize", BATCH);
        long t = System.nanoTime();
        PluginHarness.write(new Ha3WriterFactory(), p, schema, rows, 1000, new TestPluginContext("bench"));
        return rows.size() / ((System.nanoTime() - t) / 1e9);
    }

    private static double raw(String endpoint, List<Row> rows) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += BATCH) {
            List<Map<String, Object>> cmds = new ArrayList<>();
            for (Row r : rows.subList(i, Math.min(rows.size(), i + BATCH))) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("id", r.get(0));
                fields.put("text", r.get(1));
                fields.put("vec", r.get(2));
                cmds.add(Map.of("cmd", "add", "fields", fields));
            }
            bodies.add(mapper.writeValueAsBytes(cmds));
        }
        OkHttpClient http = new OkHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));
        long t = System.nanoTime();
        for (byte[] body : bodies) {
            Request request = new Request.Builder().url(endpoint + "/update/bench/actions/bulk")
                    .header("authorization", auth).header("X-Opensearch-Swift-PK-Field", "id")
                    .post(RequestBody.create(body, MediaType.get("application/json; charset=utf-8"))).build();
            try (Response r = http.newCall(request).execute()) {
                r.body().string();
            }
        }
        return rows.size() / ((System.nanoTime() - t) / 1e9);
    }

    private static double max(double[] a) {
        double m = 0;
        for (double d : a) {
            m = Math.max(m, d);
        }
        return m;
    }
}
