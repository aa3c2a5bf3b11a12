package io.vectorsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Model Studio (DashScope) native text-embedding endpoint: deterministic vectors derived from each
 * text, replies aligned by {@code text_index}, 400 for more than 10 texts (as the service does), 401 for a wrong
 * key, and one 429 with Retry-After before the first success (so retries are exercised end to end).
 */
final class FakeDashScope implements AutoCloseable {
    static final String PATH = "/api/v1/services/embeddings/text-embedding/text-embedding";
    private final HttpServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String apiKey;

    FakeDashScope(String apiKey) throws IOException {
        this.apiKey = apiKey;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PATH, exchange -> {
            try (exchange) {
                if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    reply(exchange, 401, Map.of("code", "InvalidApiKey", "message", "Invalid API-key provided."));
                    return;
                }
                if (throttled.get() == 0 && throttled.incrementAndGet() == 1) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    reply(exchange, 429, Map.of("code", "Throttling.RateQuota", "message", "Requests rate limit exceeded"));
                    return;
                }
                JsonNode body = mapper.readTree(exchange.getRequestBody());
                JsonNode texts = body.path("input").path("texts");
                int dimension = body.path("parameters").path("dimension").asInt(1024);
                if (texts.size() > 10) {
                    reply(exchange, 400, Map.of("code", "InvalidParameter",
                            "message", "batch size is invalid, it should not be larger than 10"));
                    return;
                }
                calls.incrementAndGet();
                batchSizes.add(texts.size());
                List<Map<String, Object>> embeddings = new ArrayList<>();
                for (int i = texts.size() - 1; i >= 0; i--) { // out of order on purpose: clients align by text_index
                    embeddings.add(Map.of("text_index", i, "embedding", FakeVectors.of(texts.get(i).asText(), dimension)));
                }
                Map<String, Object> reply = new LinkedHashMap<>();
                reply.put("output", Map.of("embeddings", embeddings));
                reply.put("usage", Map.of("total_tokens", texts.size() * 3));
                reply.put("request_id", "fake");
                reply(exchange, 200, reply);
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void reply(com.sun.net.httpserver.HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
