package io.vectorsync.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vectorsync.e2e.FakeVectors;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Model Studio (DashScope) text-embedding endpoint that misbehaves on a share of the calls, in a seeded
 * random order: 429 with Retry-After, 500, a reply slower than the client's read timeout, a connection closed before
 * any reply, and a 200 whose JSON is cut in the middle. The other calls get deterministic per-text vectors, replied
 * out of order (clients align them by {@code text_index}).
 */
final class MisbehavingDashScope implements AutoCloseable {
    static final String PATH = "/api/v1/services/embeddings/text-embedding/text-embedding";
    enum Fault { THROTTLED, SERVER_ERROR, SLOW, RESET, TRUNCATED }

    private final HttpServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Random random = new Random(12);
    private final double rate;
    private final long slowMs;
    final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
    final AtomicInteger answered = new AtomicInteger();

    MisbehavingDashScope(double rate, long slowMs) throws IOException {
        this.rate = rate;
        this.slowMs = slowMs;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext(PATH, this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Fault nextFault() {
        synchronized (random) {
            if (random.nextDouble() >= rate) {
                return null;
            }
            return Fault.values()[random.nextInt(Fault.values().length)];
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = mapper.readTree(exchange.getRequestBody());
        Fault fault = nextFault();
        if (fault != null) {
            injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
        }
        try {
            if (fault == Fault.RESET) {
                exchange.close(); // before any response header: the server closes the connection under the client
                return;
            }
            if (fault == Fault.THROTTLED) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                reply(exchange, 429, Map.of("code", "Throttling.RateQuota", "message", "Requests rate limit exceeded"));
                return;
            }
            if (fault == Fault.SERVER_ERROR) {
                reply(exchange, 500, Map.of("code", "InternalError", "message", "internal error"));
                return;
            }
            if (fault == Fault.SLOW) {
                Thread.sleep(slowMs); // beyond the client's read timeout: it gives up and retries
            }
            JsonNode texts = body.path("input").path("texts");
            int dimension = body.path("parameters").path("dimension").asInt(1024);
            List<Map<String, Object>> embeddings = new ArrayList<>();
            for (int i = texts.size() - 1; i >= 0; i--) {
                embeddings.add(Map.of("text_index", i, "embedding", FakeVectors.of(texts.get(i).asText(), dimension)));
            }
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("output", Map.of("embeddings", embeddings));
            reply.put("usage", Map.of("total_tokens", texts.size() * 3));
            reply.put("request_id", "fake");
            byte[] bytes = mapper.writeValueAsBytes(reply);
            if (fault == Fault.TRUNCATED) { // a 200 whose JSON stops in the middle of a vector
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length / 2);
                exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
                exchange.close();
                return;
            }
            answered.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException e) {
            exchange.close(); // the client gave up (slow reply): nothing to do
        }
    }

    private void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
