package io.vectorsync.writer.ha3;

import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Vector Search Edition's data-push HTTP API, as its "Update data" API page and the vendor's SDK
 * ({@code aliyun/alibabacloud-ha3-sdk}, branch vector1.1.x, {@code pushDocuments} and {@code active}) send it:
 * <pre>
 * POST {endpoint}/update/{instanceId}_{table}/actions/bulk
 * authorization: Basic base64(user:password)
 * X-Opensearch-Swift-PK-Field: {primary key field}
 * content-type: application/json; charset=utf-8
 * [{"cmd":"add","fields":{...}}, ...]
 * </pre>
 * One client per writer, shared by its tasks (OkHttp is thread-safe).
 */
final class Ha3Client implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String tablePath;
    private final String authorization;
    private final String secretShown;
    private final String pkField;

    Ha3Client(PluginConfig config, String pkField) {
        this.base = baseUrl(config.get(Ha3Options.ENDPOINT));
        this.tablePath = tablePath(config.get(Ha3Options.TABLE).trim(), config.getIfSet(Ha3Options.INSTANCE_ID)
                .map(String::trim).orElse(instanceIdFrom(base.host())));
        String password = config.get(Ha3Options.PASSWORD).reveal().trim();
        String user = config.get(Ha3Options.USERNAME).trim();
        // as the SDK's getRealmSignStr: Basic auth over the trimmed "user:password"
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.secretShown = password;
        this.pkField = pkField;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofMillis(config.get(Ha3Options.CONNECT_TIMEOUT)))
                .readTimeout(Duration.ofMillis(config.get(Ha3Options.TIMEOUT)))
                .writeTimeout(Duration.ofMillis(config.get(Ha3Options.TIMEOUT)))
                .retryOnConnectionFailure(false) // the writer retries, counting and backing off
                .build();
    }

    static HttpUrl baseUrl(String endpoint) {
        String e = endpoint.trim();
        String lower = e.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            e = "http://" + e; // the SDK's default protocol
        }
        HttpUrl url = HttpUrl.parse(e);
        if (url == null) {
            throw PluginException.config("endpoint", "\"" + endpoint + "\" is not a host name or URL; use the API "
                    + "endpoint from the instance details page, e.g. ha-cn-xxxx.public.ha.aliyuncs.com");
        }
        return url;
    }

    /** ha-cn-xxxx from ha-cn-xxxx.public.ha.aliyuncs.com; null for other hosts (an IP, a proxy). */
    static String instanceIdFrom(String host) {
        int dot = host.indexOf('.');
        String first = dot < 0 ? host : host.substring(0, dot);
        return first.startsWith("ha-") ? first : null;
    }

    /** The API names a table {instanceId}_{table}; a table given in full is kept. */
    static String tablePath(String table, String instanceId) {
        if (instanceId == null || instanceId.isEmpty() || table.startsWith(instanceId + "_")) {
            return table;
        }
        return instanceId + "_" + table;
    }

    String tablePath() {
        return tablePath;
    }

    String endpoint() {
        return base.toString();
    }

    /** Pushes encoded commands as one JSON array. IOException: no answer (connect, timeout, reset). */
    Ha3Reply push(List<byte[]> commands) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(bodySize(commands));
        body.write('[');
        for (int i = 0; i < commands.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.write(commands.get(i));
        }
        body.write(']');
        HttpUrl url = base.newBuilder().addPathSegment("update").addPathSegment(tablePath)
                .addPathSegment("actions").addPathSegment("bulk").build();
        Request request = new Request.Builder().url(url)
                .header("authorization", authorization)
                .header("X-Opensearch-Swift-PK-Field", pkField)
                .header("X-Opensearch-Swift-Request-ID", UUID.randomUUID().toString())
                .header("user-agent", "vectorsync-opensearch-vector")
                .post(RequestBody.create(body.toByteArray(), JSON))
                .build();
        return call(request);
    }

    /** {@code GET /network/active}: the SDK's check of network access and user name/password. */
    Ha3Reply active() throws IOException {
        Request request = new Request.Builder().url(base.newBuilder().addPathSegment("network")
                .addPathSegment("active").build()).header("authorization", authorization)
                .header("user-agent", "vectorsync-opensearch-vector").get().build();
        return call(request);
    }

    private Ha3Reply call(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            Ha3Reply reply = Ha3Reply.of(response.code(), body == null ? "" : body.string());
            return reply.message() == null ? reply : new Ha3Reply(reply.kind(), reply.httpStatus(),
                    reply.engineCode(), redact(reply.message()));
        }
    }

    /** Bytes of the body for {@code commands}: brackets and commas included. */
    static int bodySize(List<byte[]> commands) {
        int n = 2 + Math.max(0, commands.size() - 1);
        for (byte[] c : commands) {
            n += c.length;
        }
        return n;
    }

    /** An engine message that echoes the password or the header must not carry it into logs or dirty files. */
    String redact(String text) {
        String out = text.replace(authorization.substring("Basic ".length()), "***");
        return secretShown.isEmpty() ? out : out.replace(secretShown, "***");
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
