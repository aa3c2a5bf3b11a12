package io.vectorsync.writer.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.config.Secret;
import io.vectorsync.writer.searchcommon.SearchReply;
import io.vectorsync.writer.searchcommon.SearchRestConnection;
import io.vectorsync.writer.searchcommon.SearchRetry;
import java.io.IOException;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
import org.apache.http.entity.ByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.sniff.Sniffer;

/**
 * The writer's connection: Elasticsearch's low-level {@link RestClient} (hosts from {@code endpoint}, basic auth,
 * timeouts, optional gzip and node sniffing; see {@link SearchRestConnection} for what is shared with OpenSearch).
 * Requests that fail with 429, 5xx or an I/O error are retried by {@link SearchRetry}. Thread-safe; shared by all
 * tasks of a step.
 */
final class ElasticsearchHttp extends SearchRestConnection {
    private final RestClient client;
    private final Sniffer sniffer;

    ElasticsearchHttp(String step, String endpoint, String username, Secret password, int timeoutMs,
                      boolean compression, boolean discovery, ObjectMapper mapper, SearchRetry retry) {
        super(ElasticsearchErrorCode.DIALECT, step, endpoint, username, password, timeoutMs, mapper, retry);
        this.client = RestClient.builder(hosts(HttpHost::create).toArray(new HttpHost[0]))
                .setCompressionEnabled(compression)
                .setRequestConfigCallback(this::timeouts)
                .setHttpClientConfigCallback(this::auth)
                .build();
        this.sniffer = discovery ? Sniffer.builder(client).build() : null;
    }

    /** Sends one {@code _bulk} body as is (no retry here: the caller retries per item). */
    SearchReply bulkOnce(byte[] body, int length) throws IOException {
        return send("POST", "/_bulk", new ByteArrayEntity(body, 0, length, NDJSON), true);
    }

    @Override
    protected SearchReply send(String method, String path, HttpEntity body, boolean raw) throws IOException {
        Request req = new Request(method, path);
        req.setEntity(body);
        Response resp;
        try {
            resp = client.performRequest(req);
        } catch (ResponseException e) {
            resp = e.getResponse();
        }
        return reply(resp.getStatusLine().getStatusCode(), resp.getEntity(), raw);
    }

    @Override
    public void close() throws IOException {
        if (sniffer != null) {
            sniffer.close();
        }
        client.close();
    }
}
