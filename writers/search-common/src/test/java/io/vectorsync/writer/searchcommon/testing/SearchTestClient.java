package io.vectorsync.writer.searchcommon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The HTTP requests the search writers' tests send to their real node, to look at what a writer wrote. */
public final class SearchTestClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String url;

    public SearchTestClient(String url) {
        this.url = url;
    }

    /** Sends a JSON request; fails on a status of 300 or more. */
    public JsonNode send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : MAPPER.writeValueAsString(body)));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(r.body());
    }

    /** The HTTP status of a request without body. */
    public int status(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).method(method,
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public JsonNode get(String path) throws Exception {
        return send("GET", path, null);
    }

    /** The document count of {@code index}, after a refresh. */
    public long count(String index) throws Exception {
        send("POST", "/" + index + "/_refresh", null);
        return get("/" + index + "/_count").get("count").asLong();
    }

    public JsonNode source(String index, String id) throws Exception {
        return get("/" + index + "/_doc/" + id).get("_source");
    }
}
