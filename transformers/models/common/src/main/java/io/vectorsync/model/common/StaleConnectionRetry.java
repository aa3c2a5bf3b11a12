package io.vectorsync.model.common;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Re-sends a request at once, on a fresh connection, when it failed before the server could have handled it:
 * the pooled connection it was written to had been closed by the server (HTTP/1.0 servers close after every
 * reply; uvicorn drops idle keep-alive connections after 5 s), or the connection was refused. Such a failure
 * is no sign of an unhealthy model, so it must not use up the embedding step's retries; it is counted apart
 * ({@link #count()}, the step's {@code connectionRetries} metric). Bounded: after {@link #MAX_ATTEMPTS} tries
 * the I/O error goes to the step as usual (TRANSIENT, retried with backoff).
 *
 * <p>A server that answered HTTP/1.0 without {@code Connection: keep-alive} gets {@code Connection: close} on later
 * requests, so its connections are not pooled at all (one stale retry at most, not one per call).
 *
 * <p>Install {@link #network()} as a network interceptor (it sees the connection) and this object as an
 * application interceptor (it re-sends).
 */
final class StaleConnectionRetry implements Interceptor {
    static final int MAX_ATTEMPTS = 3;

    /** Connections that carried at least one complete exchange: a failure on such a one is a stale reuse. */
    private final Map<Connection, Boolean> used = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicLong retries = new AtomicLong();
    /** host:port of servers that answered HTTP/1.0 without keep-alive: they close after each reply. */
    private final java.util.Set<String> closeAfterReply = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Marks an I/O error on a connection that had been used before (so the server may have closed it). */
    static final class StaleConnectionException extends IOException {
        StaleConnectionException(IOException cause) {
            super("stale pooled connection: " + cause, cause);
        }
    }

    Interceptor network() {
        return chain -> {
            Connection connection = chain.connection();
            boolean reused = connection != null && used.containsKey(connection);
            okhttp3.Request request = chain.request();
            String origin = request.url().host() + ":" + request.url().port();
            if (closeAfterReply.contains(origin)) {
                // OkHttp then drops the connection after the reply instead of pooling a socket the server closes
                request = request.newBuilder().header("Connection", "close").build();
            }
            Response response;
            try {
                response = chain.proceed(request);
            } catch (StaleConnectionException e) {
                throw e;
            } catch (IOException e) {
                // a timeout is the server being slow, not a dead socket: let the step decide
                if (reused && !(e instanceof java.io.InterruptedIOException)) {
                    throw new StaleConnectionException(e);
                }
                throw e;
            }
            if (connection != null) {
                used.put(connection, Boolean.TRUE);
            }
            if (response.protocol() == okhttp3.Protocol.HTTP_1_0
                    && !"keep-alive".equalsIgnoreCase(response.header("Connection"))) {
                closeAfterReply.add(origin);
            }
            return response;
        };
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return chain.proceed(chain.request());
            } catch (StaleConnectionException | ConnectException e) {
                if (attempt >= MAX_ATTEMPTS || chain.call().isCanceled()) {
                    throw e instanceof StaleConnectionException s ? (IOException) s.getCause() : e;
                }
                retries.incrementAndGet();
            }
        }
    }

    /** Requests re-sent because of a stale or refused connection so far. */
    long count() {
        return retries.get();
    }
}
