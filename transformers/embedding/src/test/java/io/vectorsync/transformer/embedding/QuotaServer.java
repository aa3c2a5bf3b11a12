package io.vectorsync.transformer.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Model Studio (DashScope native) embeddings server that enforces a request quota over a sliding
 * one-second window, as the service does: a request arriving when {@code quota} requests were accepted in the last
 * second gets HTTP 429 {@code Throttling.RateQuota}; accepted requests are answered after {@code latencyMs}.
 */
final class QuotaServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(64);
    private final int quota;
    private final long latencyMs;
    private final ArrayDeque<Long> accepted = new ArrayDeque<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger textsEmbedded = new AtomicInteger();

    QuotaServer(int quota, long latencyMs) throws IOException {
        this.quota = quota;
        this.latencyMs = latencyMs;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private boolean admit() {
        long now = System.nanoTime();
        synchronized (accepted) {
            while (!accepted.isEmpty() && now - accepted.peekFirst() >= TimeUnit.SECONDS.toNanos(1)) {
                accepted.pollFirst();
            }
            if (accepted.size() >= quota) {
                return false;
            }
            accepted.addLast(now);
            return true;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.incrementAndGet();
            if (!admit()) {
                throttled.incrementAndGet();
                send(exchange, 429, JSON.createObjectNode().put("code", "Throttling.RateQuota")
                        .put("message", "Requests rate limit exceeded, please try again later.")
                        .put("request_id", "r").toString());
                return;
            }
            Thread.sleep(latencyMs);
            JsonNode texts = request.get("input").get("texts");
            int dimension = request.path("parameters").path("dimension").asInt(1024);
            ObjectNode root = JSON.createObjectNode().put("request_id", "r");
            ArrayNode embeddings = root.putObject("output").putArray("embeddings");
            for (int i = 0; i < texts.size(); i++) {
                ArrayNode v = embeddings.addObject().put("text_index", i).putArray("embedding");
                float[] vector = FakeEmbeddingModelFactory.vector(texts.get(i).asText(), dimension);
                for (float f : vector) {
                    v.add(f);
                }
            }
            textsEmbedded.addAndGet(texts.size());
            root.putObject("usage").put("total_tokens", texts.size() * 8);
            send(exchange, 200, root.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
