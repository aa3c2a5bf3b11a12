package io.vectorsync.writer.searchcommon.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback fake of the REST API both search writers use: {@code _bulk} answers come from a function of the call
 * number, the index does not exist (404 on HEAD and {@code _mapping}), {@code _cat/plugins} lists
 * {@link #plugins}, anything else is acknowledged. Records every request line and every bulk body.
 */
public final class FakeSearchCluster implements AutoCloseable {
    /** A reply: HTTP status and JSON body. */
    public record Reply(int status, String body) {
    }

    public static final Reply BULK_OK = new Reply(200, "{\"took\":1,\"errors\":false,\"items\":[]}");

    public final List<String> bulkBodies = Collections.synchronizedList(new ArrayList<>());
    /** {@code "METHOD /path"} of every request, in order. */
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    /** The {@code _cat/plugins} reply. */
    public volatile String plugins = "[{\"name\":\"node-1\",\"component\":\"opensearch-knn\",\"version\":\"2.19.1.0\"}]";
    private final HttpServer server;

    /** Starts a cluster whose n-th {@code _bulk} call (1-based) is answered by {@code bulk.apply(n)}. */
    public FakeSearchCluster(Function<Integer, Reply> bulk) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(ex.getRequestMethod() + " " + path);
            if (path.equals("/_bulk")) {
                bulkBodies.add(body);
                reply(ex, bulk.apply(calls.incrementAndGet()));
            } else if (path.equals("/_cat/plugins")) {
                reply(ex, new Reply(200, plugins));
            } else if (path.endsWith("/_mapping") || ex.getRequestMethod().equals("HEAD")) {
                reply(ex, new Reply(404, "{\"error\":{\"type\":\"index_not_found_exception\",\"reason\":\"no such"
                        + " index\"},\"status\":404}"));
            } else {
                reply(ex, new Reply(200, "{\"acknowledged\":true}"));
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange ex, Reply r) throws IOException {
        byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(r.status(), -1);
        } else {
            ex.sendResponseHeaders(r.status(), b.length);
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    /** A bulk reply with errors whose items have these statuses (429 items carry a rejection error). */
    public static Reply items(String... statuses) {
        StringBuilder sb = new StringBuilder("{\"took\":1,\"errors\":true,\"items\":[");
        for (int i = 0; i < statuses.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"index\":{\"_index\":\"i\",\"_id\":\"").append(i).append("\",\"status\":")
                    .append(statuses[i]).append(statuses[i].equals("429") ? ",\"error\":{\"type\":"
                            + "\"es_rejected_execution_exception\",\"reason\":\"rejected execution\"}" : "").append("}}");
        }
        return new Reply(200, sb.append("]}").toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
