package io.vectorsync.model.common;

import io.vectorsync.api.error.PluginException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The HTTP client of one embedding model: an OkHttp client with the step's timeouts, whose asynchronous calls
 * complete a {@link CompletableFuture} with the parsed reply or a classified
 * {@link io.vectorsync.api.model.ModelException}. Failed model calls are not retried here (OkHttp's silent
 * retries are off): the embedding step retries, with backoff, for every provider. Only a request that never
 * reached the server (a stale pooled connection, a refused connection) is re-sent at once on a fresh connection
 * ({@link StaleConnectionRetry}, counted in {@code connectionRetries}). Idle connections are dropped after
 * {@link #KEEP_ALIVE_SECONDS} s, before servers typically close them (uvicorn: 5 s).
 */
public final class ModelHttpClient implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** The embedding step decides how many calls are in flight; OkHttp's default of 5 per host must not cap it. */
    private static final int MAX_IN_FLIGHT = 512;
    /** Idle connections are evicted after this, below the 5 s idle timeout of uvicorn (vLLM, TEI front ends). */
    public static final int KEEP_ALIVE_SECONDS = 4;
    /** The metric counting requests re-sent on a fresh connection. */
    public static final String CONNECTION_RETRIES = "connectionRetries";

    /** Connection settings from the step's parameters. */
    public record Settings(int connectTimeoutMs, int readTimeoutMs) {
    }

    /** Reads a 2xx body; an {@link IOException} or runtime exception means a malformed reply. */
    @FunctionalInterface
    public interface ReplyParser<T> {
        T parse(byte[] body) throws IOException;
    }

    private final String provider;
    private final String secret;
    private final OkHttpClient client;
    private final StaleConnectionRetry staleRetry = new StaleConnectionRetry();
    private volatile io.vectorsync.api.Metrics.Counter connectionRetries;
    private long reported;

    /**
     * @param provider the plugin name, for messages
     * @param secret   the API key, scrubbed from error messages; may be null
     */
    public ModelHttpClient(String provider, Settings settings, String secret) {
        this.provider = Objects.requireNonNull(provider, "provider is null");
        this.secret = secret;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_IN_FLIGHT);
        dispatcher.setMaxRequestsPerHost(MAX_IN_FLIGHT);
        this.client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(Duration.ofMillis(settings.connectTimeoutMs()))
                .readTimeout(Duration.ofMillis(settings.readTimeoutMs()))
                .writeTimeout(Duration.ofMillis(settings.readTimeoutMs()))
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(MAX_IN_FLIGHT, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS))
                .addInterceptor(staleRetry)
                .addNetworkInterceptor(staleRetry.network())
                .followRedirects(true)
                .build();
    }

    /** Counts re-sent requests into {@code metrics}' {@value #CONNECTION_RETRIES} from now on. */
    public void useMetrics(io.vectorsync.api.Metrics metrics) {
        connectionRetries = metrics.counter(CONNECTION_RETRIES);
        flushCount();
    }

    /** Requests re-sent on a fresh connection because the first one was stale or refused. */
    public long connectionRetries() {
        return staleRetry.count();
    }

    private synchronized void flushCount() {
        io.vectorsync.api.Metrics.Counter c = connectionRetries;
        long now = staleRetry.count();
        if (c != null && now > reported) {
            c.add(now - reported);
            reported = now;
        }
    }

    public String provider() {
        return provider;
    }

    /** POSTs {@code json} to {@code url} and parses a 2xx reply with {@code parser}. */
    public <T> CompletableFuture<T> postJson(String url, Headers headers, byte[] json, ReplyParser<T> parser) {
        Request request;
        try {
            request = new Request.Builder().url(url).headers(headers)
                    .header("Accept", "application/json")
                    .post(RequestBody.create(json, JSON)).build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(PluginException.config("endpoint", "\"" + url
                    + "\" is not a valid URL"));
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        Call call = client.newCall(request);
        future.whenComplete((r, e) -> {
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                flushCount();
                future.completeExceptionally(ModelErrors.fromIo(provider, url, e));
            }

            @Override
            public void onResponse(Call c, Response response) {
                flushCount();
                try (response) {
                    future.complete(handle(url, response, parser));
                } catch (IOException e) {
                    future.completeExceptionally(ModelErrors.fromIo(provider, url, e));
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            }
        });
        return future;
    }

    private <T> T handle(String url, Response response, ReplyParser<T> parser) throws IOException {
        ResponseBody body = response.body();
        byte[] bytes = body == null ? new byte[0] : body.bytes();
        if (!response.isSuccessful()) {
            throw ModelErrors.fromHttp(provider, response.code(), response.headers(),
                    new String(bytes, java.nio.charset.StandardCharsets.UTF_8), secret);
        }
        try {
            return parser.parse(bytes);
        } catch (PluginException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ModelErrors.malformed(provider, "cannot read the reply of " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
