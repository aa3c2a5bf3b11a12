package com.example.vectorsync.jsonpost;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A loopback HTTP server that keeps the JSON lines POSTed to it; statuses queued with {@link #failNext} are
 * answered first (to test retries and errors).
 */
final class Receiver implements AutoCloseable {
    private final HttpServer server;
    private final List<String> lines = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ingest", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer failure;
            synchronized (this) {
                failure = failures.poll();
                if (failure == null) {
                    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isEmpty()) {
                            lines.add(line);
                        }
                    }
                }
            }
            byte[] answer = (failure == null ? "ok" : "{\"error\":\"status " + failure + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(failure == null ? 200 : failure, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest";
    }

    synchronized void failNext(int... statuses) {
        for (int s : statuses) {
            failures.add(s);
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    synchronized void clear() {
        lines.clear();
        authorizations.clear();
        failures.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
