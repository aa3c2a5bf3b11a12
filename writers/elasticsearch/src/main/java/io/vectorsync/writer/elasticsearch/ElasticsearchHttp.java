package io.vectorsync.writer.elasticsearch;

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
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.sniff.Sniffer;

/**
 * The writer's connection: Elasticsearch's low-level {@link RestClient} (hosts from {@code endpoint}, basic auth,
 * timeouts, optional gzip and node sniffing) plus JSON helpers. Requests that fail with 429, 5xx or an I/O error are
 * retried by {@link SearchRetry}. Thread-safe; shared by all tasks of a step.
 */
final class ElasticsearchHttp implements SearchTransport, AutoCloseable {
    static final ContentType NDJSON = ContentType.create("application/x-ndjson");

    private final String step;
    private final RestClient client;
    private final Sniffer sniffer;
    private final ObjectMapper mapper;
    private final SearchRetry retry;
    private final String endpoint;

    ElasticsearchHttp(String step, String endpoint, String username, Secret password, int timeoutMs,
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

    /** Sends one {@code _bulk} body as is (no retry here: the caller retries per item). */
    SearchReply bulkOnce(byte[] body, int length) throws IOException {
        Request req = new Request("POST", "/_bulk");
        req.setEntity(new ByteArrayEntity(body, 0, length, NDJSON));
        return send(req, true);
    }

    private SearchReply send(Request req) throws IOException {
        return send(req, false);
    }

    /** With {@code raw}, a 200 reply's body is kept as bytes, unparsed. */
    private SearchReply send(Request req, boolean raw) throws IOException {
        Response resp;
        try {
            resp = client.performRequest(req);
        } catch (ResponseException e) {
            resp = e.getResponse();
        }
        int status = resp.getStatusLine().getStatusCode();
        HttpEntity entity = resp.getEntity();
        if (entity == null) {
            return new SearchReply(status, null, null);
        }
        if (raw && status == 200) {
            return new SearchReply(status, null, EntityUtils.toByteArray(entity));
        }
        try (InputStream in = entity.getContent()) {
            return SearchReply.parse(status, in.readAllBytes(), mapper);
        }
    }

    /** Fails with a message naming the step and what was done when {@code r} is not 2xx. */
    @Override
    public SearchReply expectOk(SearchReply r, String what) {
        return r.expectOk(ElasticsearchErrorCode.DIALECT, step, what);
    }

    @Override
    public void close() throws IOException {
        if (sniffer != null) {
            sniffer.close();
        }
        client.close();
    }
}
