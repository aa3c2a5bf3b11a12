package io.vectorsync.writer.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.error.PluginException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.sniff.Sniffer;
import org.opensearch.client.transport.rest_client.RestClientTransport;

/**
 * The writer's connection: the {@link OpenSearchClient} (bulk, cat, refresh) on a {@link RestClientTransport} over the
 * low-level {@link RestClient} (hosts from {@code endpoint}, basic auth, timeouts, optional gzip and node sniffing),
 * which also carries the raw-JSON index and mapping requests. Requests that fail with 429, 5xx or an I/O error are
 * retried by {@link OpenSearchRetry}. Thread-safe; shared by all tasks of a step.
 */
final class OpenSearchHttp implements AutoCloseable {
    private final String step;
    private final RestClient client;
    private final Sniffer sniffer;
    private final ObjectMapper mapper;
    private final OpenSearchRetry retry;
    private final OpenSearchClient typed;

    OpenSearchHttp(String step, String endpoint, String username, Secret password, int timeoutMs,
                      boolean compression, boolean discovery, ObjectMapper mapper, OpenSearchRetry retry) {
        this.step = step;
        this.mapper = mapper;
        this.retry = retry;
        List<HttpHost> hosts = new ArrayList<>();
        for (String h : endpoint.split(",")) {
            if (!h.isBlank()) {
                try {
                    hosts.add(HttpHost.create(h.trim()));
                } catch (IllegalArgumentException e) {
                    throw PluginException.config("endpoint", "step \"" + step + "\": \"" + h.trim()
                            + "\" is not a URL like http://host:9200");
                }
            }
        }
        if (hosts.isEmpty()) {
            throw PluginException.config("endpoint", "step \"" + step + "\": no host given");
        }
        BasicCredentialsProvider credentials = null;
        if (username != null && !username.isEmpty()) {
            credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username,
                    password == null ? "" : password.reveal()));
        }
        BasicCredentialsProvider creds = credentials;
        this.client = RestClient.builder(hosts.toArray(new HttpHost[0]))
                .setCompressionEnabled(compression)
                .setRequestConfigCallback(rc -> rc.setConnectTimeout(Math.min(timeoutMs, 10_000))
                        .setSocketTimeout(timeoutMs))
                .setHttpClientConfigCallback(hc -> {
                    if (creds != null) {
                        hc.setDefaultCredentialsProvider(creds);
                    }
                    return hc;
                })
                .build();
        this.sniffer = discovery ? Sniffer.builder(client).build() : null;
        this.typed = new OpenSearchClient(new RestClientTransport(client, new JacksonJsonpMapper(mapper)));
    }

    /** The typed client. */
    OpenSearchClient client() {
        return typed;
    }

    String step() {
        return step;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** A reply: status and parsed body ({@code null} when empty). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** {@code error.type: error.reason} of an error reply, or the body. */
        String reason() {
            if (body == null) {
                return "HTTP " + status;
            }
            JsonNode err = body.path("error");
            if (err.isObject()) {
                String r = err.path("type").asText() + ": " + err.path("reason").asText();
                JsonNode cause = err.path("caused_by");
                return cause.isObject() ? r + " (caused by " + cause.path("type").asText() + ": "
                        + cause.path("reason").asText() + ")" : r;
            }
            return err.isMissingNode() ? body.toString() : err.asText();
        }
    }

    /** Sends a JSON request, retrying 429/5xx/I/O failures; any other status is returned to the caller. */
    Reply json(String method, String path, Object body, String what) throws InterruptedException {
        return retry.call(what, () -> {
            Request req = new Request(method, path);
            if (body != null) {
                req.setEntity(new ByteArrayEntity(mapper.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
            }
            return send(req);
        });
    }

    private Reply send(Request req) throws IOException {
        Response resp;
        try {
            resp = client.performRequest(req);
        } catch (ResponseException e) {
            resp = e.getResponse();
        }
        int status = resp.getStatusLine().getStatusCode();
        HttpEntity entity = resp.getEntity();
        if (entity == null) {
            return new Reply(status, null);
        }
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readAllBytes();
            JsonNode node = null;
            if (bytes.length > 0) {
                try {
                    node = mapper.readTree(bytes);
                } catch (IOException notJson) {
                    node = mapper.getNodeFactory().textNode(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return new Reply(status, node);
        }
    }

    /** Fails with a message naming the step and what was done when {@code r} is not 2xx. */
    Reply expectOk(Reply r, String what) {
        if (r.ok()) {
            return r;
        }
        if (r.status() == 401 || r.status() == 403) {
            throw new PluginException(OpenSearchErrorCode.AUTH_FAILED, "step \"" + step + "\": " + what
                    + " was refused (HTTP " + r.status() + "); check username/password (accessId/accessKey)");
        }
        throw new PluginException(OpenSearchErrorCode.REQUEST_FAILED, "step \"" + step + "\": " + what
                + " failed with HTTP " + r.status() + ": " + r.reason());
    }

    @Override
    public void close() throws IOException {
        if (sniffer != null) {
            sniffer.close();
        }
        client.close();
    }
}
