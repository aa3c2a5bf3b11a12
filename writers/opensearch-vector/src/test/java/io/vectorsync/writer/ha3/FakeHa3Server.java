package io.vectorsync.writer.ha3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A loopback fake of the Vector Search Edition's data-push API: {@code POST /update/{table}/actions/bulk} with
 * Basic authentication and the primary-key header, {@code GET /network/active}. Tables have a primary key, known
 * fields and vector dimensions; like the engine, a push is accepted or refused as a whole. It can throttle (HTTP
 * 429 or an engine code), refuse pushes over a size, and answer slowly. A test class registers it as a static
 * {@code @RegisterExtension} field: it starts before the class's tests and stops after them.
 */
final class FakeHa3Server implements BeforeAllCallback, AfterAllCallback {
    static final String USER = "vsuser";
    static final String PASSWORD = "s3cret-Pa55";

    /** A table: its primary key, its fields, and the dimension of each vector field. */
    record Table(String primaryKey, List<String> fields, Map<String, Integer> vectorDims) {
    }

    /** One push as received. */
    record Push(String path, Map<String, String> headers, String body) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    final Map<String, Table> tables = new ConcurrentHashMap<>();
    /** table -> primary key (as text) -> the stored fields. */
    final Map<String, Map<String, Map<String, Object>>> docs = new ConcurrentHashMap<>();
    final List<Push> pushes = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger activeCalls = new AtomicInteger();
    private final AtomicInteger throttleNext = new AtomicInteger();
    private volatile int throttleStatus = 429;
    private volatile String throttleCode = "3008";
    private volatile int maxBodyBytes = 2 * 1024 * 1024;

    FakeHa3Server() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return handle(request);
                } catch (Exception e) {
                    return error(500, "5000", "fake failed: " + e);
                }
            }
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.shutdown();
    }

    /**
     * DataWorks' spelling of a connection to this fake (host, accessId/accessKey, indexName, the instance ID
     * {@code ha-cn-test} given apart) writing {@code column} to table {@code ha-cn-test_<indexName>}.
     */
    Map<String, Object> params(String indexName, List<String> column) {
        Map<String, Object> p = new HashMap<>();
        p.put("host", endpoint());
        p.put("instanceId", "ha-cn-test");
        p.put("accessId", USER);
        p.put("accessKey", PASSWORD);
        p.put("indexName", indexName);
        p.put("column", column);
        return p;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    void reset() {
        tables.clear();
        docs.clear();
        pushes.clear();
        activeCalls.set(0);
        throttleNext.set(0);
        maxBodyBytes = 2 * 1024 * 1024;
    }

    void addTable(String name, Table table) {
        tables.put(name, table);
        docs.put(name, Collections.synchronizedMap(new LinkedHashMap<>()));
    }

    /** The next {@code n} pushes are throttled with this HTTP status and engine code. */
    void throttle(int n, int status, String code) {
        throttleStatus = status;
        throttleCode = code;
        throttleNext.set(n);
    }

    void maxBodyBytes(int bytes) {
        maxBodyBytes = bytes;
    }

    private MockResponse handle(RecordedRequest request) throws IOException {
        String path = request.getPath();
        String body = request.getBody().readUtf8();
        if ("POST".equals(request.getMethod())) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : request.getHeaders().names()) {
                headers.put(name.toLowerCase(), request.getHeader(name));
            }
            pushes.add(new Push(path, headers, body));
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.getHeader("authorization"))) {
            return error(401, "401", "Unauthorized: invalid username or password");
        }
        if ("GET".equals(request.getMethod()) && "/network/active".equals(path)) {
            activeCalls.incrementAndGet();
            return new MockResponse().setResponseCode(200).setBody("");
        }
        if (!"POST".equals(request.getMethod()) || !path.startsWith("/update/") || !path.endsWith("/actions/bulk")) {
            return error(404, "404", "no such API: " + request.getMethod() + " " + path);
        }
        if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return error(throttleStatus, throttleCode, "Too many requests: rate exceeds the push quota");
        }
        String tableName = path.substring("/update/".length(), path.length() - "/actions/bulk".length());
        Table table = tables.get(tableName);
        if (table == null) {
            return error(404, "3012", "Resource not found: table " + tableName);
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
            return error(413, "3015", "push size exceeds the limit");
        }
        if (!table.primaryKey().equals(request.getHeader("X-Opensearch-Swift-PK-Field"))) {
            return error(400, "3004", "X-Opensearch-Swift-PK-Field must be " + table.primaryKey());
        }
        JsonNode commands = mapper.readTree(body);
        for (JsonNode c : commands) { // all or nothing, like one bulk push
            String problem = problem(table, c);
            if (problem != null) {
                return error(400, "3004", problem);
            }
        }
        Map<String, Map<String, Object>> stored = docs.get(tableName);
        for (JsonNode c : commands) {
            Map<String, Object> fields = mapper.convertValue(c.get("fields"), Map.class);
            String pk = c.get("fields").get(table.primaryKey()).asText();
            switch (c.get("cmd").asText()) {
                case "add" -> stored.put(pk, fields);
                case "update" -> stored.computeIfAbsent(pk, k -> new LinkedHashMap<>()).putAll(fields);
                default -> stored.remove(pk);
            }
        }
        return new MockResponse().setResponseCode(200).setBody("{\"status\":\"OK\",\"code\":200}");
    }

    private static String problem(Table table, JsonNode c) {
        String cmd = c.path("cmd").asText();
        if (!List.of("add", "update", "delete").contains(cmd) || !c.path("fields").isObject()) {
            return "malformed command " + c;
        }
        JsonNode fields = c.get("fields");
        if (!fields.has(table.primaryKey())) {
            return "document has no primary key " + table.primaryKey();
        }
        for (var it = fields.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!table.fields().contains(f)) {
                return "unknown field " + f;
            }
            Integer dim = table.vectorDims().get(f);
            if (dim != null && (!fields.get(f).isArray() || fields.get(f).size() != dim)) {
                return "field " + f + ": vector dimension must be " + dim + ", got " + fields.get(f);
            }
        }
        return null;
    }

    private static MockResponse error(int status, String code, String message) {
        String body = "{\"errors\":[{\"code\":" + code + ",\"message\":\"" + message.replace("\"", "'")
                + "\"}],\"status\":\"FAIL\"}";
        return new MockResponse().setResponseCode(status).setBody(body);
    }
}
