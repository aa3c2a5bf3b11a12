package io.vectorsync.model.common;

import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelException;
import io.vectorsync.api.model.ModelLimits;
import io.vectorsync.api.model.OutputType;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Headers;

/**
 * An embedding model reached over HTTP with one JSON POST per call. Subclasses give the URL, headers and the
 * codec; this class does the call, the classification of failures and the check. Thread-safe.
 */
public abstract class HttpEmbeddingModel implements EmbeddingModel {
    /** The text {@link #check()} embeds. */
    public static final String CHECK_TEXT = "vectorsync connectivity check";

    private final ModelHttpClient client;
    private final String url;
    private final Headers headers;
    private final ModelLimits limits;
    private final String cacheKey;
    private volatile java.util.Optional<Price> price = java.util.Optional.empty();

    protected HttpEmbeddingModel(ModelHttpClient client, String url, Headers headers, ModelLimits limits,
                                 String cacheKey) {
        this.client = Objects.requireNonNull(client, "client is null");
        this.url = Objects.requireNonNull(url, "url is null");
        this.headers = Objects.requireNonNull(headers, "headers is null");
        this.limits = Objects.requireNonNull(limits, "limits is null");
        this.cacheKey = Objects.requireNonNull(cacheKey, "cacheKey is null");
    }

    /** The request body for {@code texts}. */
    protected abstract byte[] encode(List<String> texts);

    /** Reads a 2xx reply to {@code texts} texts. */
    protected abstract Embeddings decode(byte[] body, int texts) throws IOException;

    /**
     * The request body asking for {@code type}; a provider with sparse output (see {@link #outputTypes()})
     * overrides this and {@link #decode(byte[], int, OutputType)}. Default: the dense request.
     */
    protected byte[] encode(List<String> texts, OutputType type) {
        return encode(texts);
    }

    /** Reads a 2xx reply to a request for {@code type}. Default: the dense reply. */
    protected Embeddings decode(byte[] body, int texts, OutputType type) throws IOException {
        return decode(body, texts);
    }

    @Override
    public ModelLimits limits() {
        return limits;
    }

    @Override
    public String cacheKey() {
        return cacheKey;
    }

    /** Sets the provider's price for this model (from its price table); returns this. */
    public HttpEmbeddingModel priced(Price p) {
        this.price = java.util.Optional.ofNullable(p);
        return this;
    }

    @Override
    public java.util.Optional<Price> price() {
        return price;
    }

    @Override
    public void useMetrics(io.vectorsync.api.Metrics metrics) {
        client.useMetrics(metrics);
    }

    /** The URL requests go to (for messages and tests). */
    public String url() {
        return url;
    }

    protected String provider() {
        return client.provider();
    }

    @Override
    public CompletableFuture<Embeddings> embed(List<String> texts) {
        return embed(texts, OutputType.DENSE);
    }

    @Override
    public CompletableFuture<Embeddings> embed(List<String> texts, OutputType type) {
        Objects.requireNonNull(texts, "texts is null");
        if (!outputTypes().contains(type)) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(provider() + " " + cacheKey
                    + " returns " + outputTypes() + ", not " + type));
        }
        if (texts.isEmpty()) {
            return CompletableFuture.completedFuture(new Embeddings(List.of(), 0));
        }
        if (texts.size() > limits.maxRowsPerCall()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(texts.size()
                    + " texts in one call, but " + provider() + " takes at most " + limits.maxRowsPerCall()));
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                return CompletableFuture.failedFuture(new ModelException(ModelException.Kind.BAD_INPUT, 0,
                        "text " + i + " is null; " + provider() + " cannot embed a NULL (set nullAsEmptyString)"));
            }
        }
        byte[] body = encode(texts, type);
        int n = texts.size();
        return client.postJson(url, headers, body, bytes -> decode(bytes, n, type));
    }

    /**
     * Embeds one short text and waits for the reply (bounded by the client's timeouts). Throws the call's
     * {@link ModelException}; a refused input becomes FATAL here, since one short text cannot be at fault.
     */
    @Override
    public void check() throws Exception {
        try {
            embed(List.of(CHECK_TEXT)).get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelException me) {
                if (me.kind() == ModelException.Kind.BAD_INPUT) {
                    throw new ModelException(ModelException.Kind.FATAL, me.httpStatus(), "the check call (one short "
                            + "text) failed: " + me.getMessage(), null, me);
                }
                throw me;
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new ModelException(ModelException.Kind.TRANSIENT, 0, provider() + " check call to " + url
                    + " did not complete", null, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return provider() + "[" + cacheKey + " @ " + url + "]";
    }
}
