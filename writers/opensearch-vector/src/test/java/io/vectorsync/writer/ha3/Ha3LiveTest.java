package io.vectorsync.writer.ha3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real Vector Search Edition instance, only when credentials are in the environment (otherwise
 * reported as skipped): HA3_ENDPOINT, HA3_USERNAME, HA3_PASSWORD, HA3_TABLE, and optionally HA3_INSTANCE_ID,
 * HA3_PK (default id), HA3_VECTOR_FIELD (default vector) and HA3_DIMENSION (default 4). The table must have an
 * INT64 primary key and a float vector field of that dimension. Adds three documents, reads them back with the
 * SDK's {@code /vector-service/fetch} (processing is asynchronous: polled for up to a minute), then deletes them.
 */
@EnabledIfEnvironmentVariable(named = "HA3_ENDPOINT", matches = ".+")
@EnabledIfEnvironmentVariable(named = "HA3_PASSWORD", matches = ".+")
class Ha3LiveTest {
    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Test
    void addsFetchesAndDeletesDocuments() throws Exception {
        String pk = env("HA3_PK", "id");
        String vectorField = env("HA3_VECTOR_FIELD", "vector");
        int dim = Integer.parseInt(env("HA3_DIMENSION", "4"));
        Schema schema = Schema.builder().field(pk, DataType.INT64).field(vectorField, DataType.floatVector(dim)).build();
        long base = 9_000_000_000L + (System.currentTimeMillis() % 1_000_000L) * 10;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            float[] v = new float[dim];
            for (int k = 0; k < dim; k++) {
                v[k] = (i + 1) * 0.1f + k * 0.01f;
            }
            rows.add(Row.of(schema, base + i, v));
        }
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", env("HA3_ENDPOINT", null));
        p.put("username", env("HA3_USERNAME", null));
        p.put("password", env("HA3_PASSWORD", null));
        p.put("table", env("HA3_TABLE", null));
        if (System.getenv("HA3_INSTANCE_ID") != null) {
            p.put("instanceId", System.getenv("HA3_INSTANCE_ID"));
        }
        p.put("primaryKey", pk);
        p.put("column", List.of("*"));
        p.put("writeMode", "add");
        TestPluginContext ctx = PluginHarness.write(new Ha3WriterFactory(), p, schema, rows, 3, new TestPluginContext("live"));
        assertEquals(3, ctx.counter("rowsWritten"), ctx.dirty().toString());

        String fetched = "";
        for (int attempt = 0; attempt < 30 && !(fetched.contains(Long.toString(base + 2))); attempt++) {
            Thread.sleep(2000);
            fetched = fetch(p, pk, base);
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(fetched.contains(Long.toString(base + i)), fetched);
        }

        p.put("writeMode", "delete");
        ctx = PluginHarness.write(new Ha3WriterFactory(), p, schema, rows, 3, new TestPluginContext("live"));
        assertEquals(3, ctx.counter("rowsWritten"));
    }

    private static String fetch(Map<String, Object> p, String pk, long base) throws Exception {
        okhttp3.HttpUrl url = Ha3Client.baseUrl((String) p.get("endpoint")).newBuilder()
                .addPathSegments("vector-service/fetch").build();
        String table = (String) p.get("table"); // the query API's tableName: the table as named in the console
        String body = "{\"tableName\":\"" + table + "\",\"ids\":[\"" + base + "\",\"" + (base + 1) + "\",\""
                + (base + 2) + "\"]}";
        String auth = Base64.getEncoder().encodeToString((p.get("username") + ":" + p.get("password"))
                .getBytes(StandardCharsets.UTF_8));
        Request request = new Request.Builder().url(url).header("authorization", "Basic " + auth)
                .post(RequestBody.create(body, MediaType.get("application/json; charset=utf-8"))).build();
        try (Response r = new OkHttpClient().newCall(request).execute()) {
            return r.code() + " " + (r.body() == null ? "" : r.body().string());
        }
    }
}
