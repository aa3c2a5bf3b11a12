package io.vectorsync.writer.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.testkit.servers.SearchServerLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** One real OpenSearch node with the k-NN plugin for the whole test run (started on first use, stopped at JVM exit), plus HTTP helpers. */
final class OsTestServer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SearchServerLauncher.Server server;

    private OsTestServer() {
    }

    static synchronized String url() {
        if (server == null) {
            String home = System.getProperty("vectorsync.os.home");
            if (home == null) {
                throw new IllegalStateException("system property vectorsync.os.home is not set; run the tests with Maven");
            }
            try {
                server = SearchServerLauncher.of(SearchServerLauncher.Flavor.OPENSEARCH, Path.of(home))
                        .plugin("opensearch-knn", Path.of(System.getProperty("vectorsync.os.knn"))).start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start OpenSearch from " + home, e);
            }
        }
        return server.url();
    }

    static JsonNode send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : MAPPER.writeValueAsString(body)));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(r.body());
    }

    static JsonNode get(String path) throws Exception {
        return send("GET", path, null);
    }

    static long count(String index) throws Exception {
        send("POST", "/" + index + "/_refresh", null);
        return get("/" + index + "/_count").get("count").asLong();
    }

    static JsonNode source(String index, String id) throws Exception {
        return get("/" + index + "/_doc/" + id).get("_source");
    }
}
