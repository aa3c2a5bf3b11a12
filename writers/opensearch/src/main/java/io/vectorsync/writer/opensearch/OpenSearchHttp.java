package io.vectorsync.writer.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.config.Secret;
import io.vectorsync.writer.searchcommon.SearchReply;
import io.vectorsync.writer.searchcommon.SearchRestConnection;
import io.vectorsync.writer.searchcommon.SearchRetry;
import java.io.IOException;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
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
 * low-level {@link RestClient} (hosts from {@code endpoint}, basic auth, timeouts, optional gzip and node sniffing;
 * see {@link SearchRestConnection} for what is shared with Elasticsearch), which also carries the raw-JSON index and
 * mapping requests. Requests that fail with 429, 5xx or an I/O error are retried by {@link SearchRetry}. Thread-safe;
 * shared by all tasks of a step.
 */
final class OpenSearchHttp extends SearchRestConnection {
    private final RestClient client;
    private final Sniffer sniffer;
    private final OpenSearchClient typed;

    OpenSearchHttp(String step, String endpoint, String username, Secret password, int timeoutMs,
                   boolean compression, boolean discovery, ObjectMapper mapper, SearchRetry retry) {
        super(OpenSearchErrorCode.DIALECT, step, endpoint, username, password, timeoutMs, mapper, retry);
        this.client = RestClient.builder(hosts(HttpHost::create).toArray(new HttpHost[0]))
                .setCompressionEnabled(compression)
                .setRequestConfigCallback(this::timeouts)
                .setHttpClientConfigCallback(this::auth)
                .build();
        this.sniffer = discovery ? Sniffer.builder(client).build() : null;
        this.typed = new OpenSearchClient(new RestClientTransport(client, new JacksonJsonpMapper(mapper)));
    }

    /** The typed client. */
    OpenSearchClient client() {
        return typed;
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
