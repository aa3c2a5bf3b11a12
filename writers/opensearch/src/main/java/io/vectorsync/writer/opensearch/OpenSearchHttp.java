package io.vectorsync.writer.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.config.Secret;
import io.vectorsync.writer.searchcommon.SearchEndpoints;
import io.vectorsync.writer.searchcommon.SearchReply;
import io.vectorsync.writer.searchcommon.SearchRetry;
import io.vectorsync.writer.searchcommon.SearchTransport;
import java.io.IOException;
import java.io.InputStream;
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
 * retried by {@link SearchRetry}. Thread-safe; shared by all tasks of a step.
 */
final class OpenSearchHttp implements SearchTransport, AutoCloseable {
    private final String step;
    private final RestClient client;
    private final Sniffer sniffer;
    private final ObjectMapper mapper;
    private final SearchRetry retry;
    private final String endpoint;
    private final OpenSearchClient typed;

    OpenSearchHttp(String step, String endpoint, String username, Secret password, int timeoutMs,
                      boolean compression, boolean discovery, ObjectMapper mapper, SearchRetry retry) {
        this.step = step;
        this.mapper = mapper;
        this.retry = retry;
        this.endpoint = endpoint;
        List<HttpHost> hosts = SearchEndpoints.hosts(step, endpoint, HttpHost::create);
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

    /**
     * Sends a JSON metadata request, retrying 429/5xx/I/O failures; an unreachable cluster fails after a few quick
     * tries (see {@link SearchRetry#callMetadata}). Any other status is returned to the caller.
     */
    @Override
    public SearchReply json(String method, String path, Object body, String what) throws InterruptedException {
        return retry.callMetadata(what, endpoint, () -> {
            Request req = new Request(method, path);
            if (body != null) {
                req.setEntity(new ByteArrayEntity(mapper.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
            }
            return send(req);
        });
    }

    private SearchReply send(Request req) throws IOException {
        Response resp;
        try {
            resp = client.performRequest(req);
        } catch (ResponseException e) {
            resp = e.getResponse();
        }
        int status = resp.getStatusLine().getStatusCode();
        HttpEntity entity = resp.getEntity();
        if (entity == null) {
            return new SearchReply(status, null);
        }
        try (InputStream in = entity.getContent()) {
            return SearchReply.parse(status, in.readAllBytes(), mapper);
        }
    }

    /** Fails with a message naming the step and what was done when {@code r} is not 2xx. */
    @Override
    public SearchReply expectOk(SearchReply r, String what) {
        return r.expectOk(OpenSearchErrorCode.DIALECT, step, what);
    }

    @Override
    public void close() throws IOException {
        if (sniffer != null) {
            sniffer.close();
        }
        client.close();
    }
}
