package io.vectorsync.writer.searchcommon;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;
import org.apache.http.HttpEntity;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.apache.http.util.EntityUtils;

/**
 * What the two writers' connections share. Elasticsearch's and OpenSearch's low-level REST clients are twins in
 * different packages, both on Apache HttpAsyncClient 4: this holds the settings of that client (basic auth,
 * timeouts), the JSON metadata requests with the retry policy, and the reading of a reply; a writer's connection
 * builds its vendor's client with these and sends one request on it ({@link #send}). Thread-safe; shared by all
 * tasks of a step.
 */
public abstract class SearchRestConnection implements SearchTransport, AutoCloseable {
    /** The content type of a {@code _bulk} body. */
    public static final ContentType NDJSON = ContentType.create("application/x-ndjson");

    protected final String step;
    protected final String endpoint;
    protected final ObjectMapper mapper;
    private final SearchDialect dialect;
    private final SearchRetry retry;
    private final BasicCredentialsProvider credentials;
    private final int timeoutMs;

    protected SearchRestConnection(SearchDialect dialect, String step, String endpoint, String username,
                                   Secret password, int timeoutMs, ObjectMapper mapper, SearchRetry retry) {
        this.dialect = dialect;
        this.step = step;
        this.endpoint = endpoint;
        this.mapper = mapper;
        this.retry = retry;
        this.timeoutMs = timeoutMs;
        if (username != null && !username.isEmpty()) {
            credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username,
                    password == null ? "" : password.reveal()));
        } else {
            credentials = null;
        }
    }

    /** The hosts of {@code endpoint} (comma-separated URLs) in the client's own host type. */
    protected final <H> List<H> hosts(Function<String, H> create) {
        return SearchEndpoints.hosts(step, endpoint, create);
    }

    /** The request timeouts: {@code timeout} to read, at most 10 s to connect. For the client's config callback. */
    protected final RequestConfig.Builder timeouts(RequestConfig.Builder config) {
        return config.setConnectTimeout(Math.min(timeoutMs, 10_000)).setSocketTimeout(timeoutMs);
    }

    /** Basic auth when a username is set. For the client's HTTP client config callback. */
    protected final HttpAsyncClientBuilder auth(HttpAsyncClientBuilder client) {
        return credentials == null ? client : client.setDefaultCredentialsProvider(credentials);
    }

    public final ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Sends one request and returns its reply whatever the status; with {@code raw}, a 200 reply's body is kept as
     * bytes, unparsed ({@link #reply}). An I/O failure is thrown.
     */
    protected abstract SearchReply send(String method, String path, HttpEntity body, boolean raw) throws IOException;

    /** The reply of status {@code status} with {@code entity} as its body (see {@link #send}). */
    protected final SearchReply reply(int status, HttpEntity entity, boolean raw) throws IOException {
        if (entity == null) {
            return new SearchReply(status, null);
        }
        if (raw && status == 200) {
            return new SearchReply(status, null, EntityUtils.toByteArray(entity));
        }
        try (InputStream in = entity.getContent()) {
            return SearchReply.parse(status, in.readAllBytes(), mapper);
        }
    }

    /**
     * Sends a JSON metadata request, retrying 429/5xx/I/O failures; an unreachable cluster fails after a few quick
     * tries (see {@link SearchRetry#callMetadata}). Any other status is returned to the caller.
     */
    @Override
    public final SearchReply json(String method, String path, Object body, String what) throws InterruptedException {
        return retry.callMetadata(what, endpoint, () -> send(method, path, body == null ? null
                : new ByteArrayEntity(mapper.writeValueAsBytes(body), ContentType.APPLICATION_JSON), false));
    }

    /** Fails with a message naming the step and what was done when {@code r} is not 2xx. */
    @Override
    public final SearchReply expectOk(SearchReply r, String what) {
        return r.expectOk(dialect, step, what);
    }
}
