package io.vectorsync.writer.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.testkit.servers.SearchServerLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** One real Elasticsearch node for the whole test run (started on first use, stopped at JVM exit), plus HTTP helpers. */
final class EsTestServer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SearchServerLauncher.Server server;

    private EsTestServer() {
    }

    static synchronized String url() {
        if (server == null) {
            String home = System.getProperty("vectorsync.es.home");
            if (home == null) {
                throw new IllegalStateException("system property vectorsync.es.home is not set; run the tests with Maven");
            }
            try {
                server = SearchServerLauncher.of(SearchServerLauncher.Flavor.ELASTICSEARCH, Path.of(home)).start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start Elasticsearch from " + home, e);
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

    /** The HTTP status of a request without body. */
    static int status(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).method(method,
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
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
