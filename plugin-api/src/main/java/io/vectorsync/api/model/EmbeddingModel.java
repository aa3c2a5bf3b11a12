package io.vectorsync.api.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A client of one embedding model. Thread-safe: the embedding step calls {@link #embed} from several streams
 * and keeps several calls in flight. It does no batching, caching, rate limiting or retrying of its own: the
 * embedding step does those for every provider, driven by {@link #limits()} and {@link ModelException}.
 */
public interface EmbeddingModel extends AutoCloseable {
    /** What one call may carry and what comes back. */
    ModelLimits limits();

    /**
     * Identifies what determines the vectors besides the text: provider, model, dimension and any parameter
     * that changes them. Two models with equal keys must give equal vectors for equal texts (the cache relies
     * on it). Never include a secret.
     */
    String cacheKey();

    /**
     * Embeds {@code texts} (at most {@code limits().maxRowsPerCall()} of them) in one call. The future completes
     * with one vector per text, in order, each of {@code limits().dimension()} floats, or fails with a
     * {@link ModelException} that says whether to retry, split the batch, or stop.
     * An implementation without an async client may do the work in the calling thread and return a completed
     * future.
     */
    CompletableFuture<Embeddings> embed(List<String> texts);

    /**
     * The output types this model can return; the embedding step refuses an {@code outputType} outside them when
     * it opens the model, before anything is read. Default: dense only.
     */
    default Set<OutputType> outputTypes() {
        return EnumSet.of(OutputType.DENSE);
    }

    /**
     * Like {@link #embed(List)}, returning what {@code type} asks for (see {@link Embeddings}). Only called with a
     * type in {@link #outputTypes()}; the default serves {@link OutputType#DENSE} through {@link #embed(List)}.
     */
    default CompletableFuture<Embeddings> embed(List<String> texts, OutputType type) {
        if (type == OutputType.DENSE) {
            return embed(texts);
        }
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this model returns only dense "
                + "vectors, not " + type));
    }

    /**
     * Gives the model the step's metrics, for counters only the model can see (e.g. {@code connectionRetries}:
     * requests an HTTP client re-sent on a fresh connection). Called once, before the first {@link #embed}.
     * Default: nothing.
     */
    default void useMetrics(io.vectorsync.api.Metrics metrics) {
    }

    /**
     * What the provider charges, for cost estimates and the run's cost: a price per million input tokens in a
     * currency. Empty when unknown (self-hosted models, models missing from the provider's price table).
     */
    default java.util.Optional<Price> price() {
        return java.util.Optional.empty();
    }

    /**
     * About how many tokens {@code text} costs, for estimates before a run. A provider shipping its model's
     * tokenizer counts exactly. Default: a documented approximation that is typical of BPE/WordPiece tokenizers:
     * one token per CJK code point (Han, Hiragana, Katakana, Hangul) and one per four other characters, rounded up.
     */
    default long estimateTokens(String text) {
        long cjk = 0;
        long other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
                cjk++;
            } else {
                other++;
            }
            i += Character.charCount(cp);
        }
        return cjk + (other + 3) / 4;
    }

    /**
     * A price per million input tokens.
     *
     * @param perMillionTokens the amount charged per 1,000,000 input tokens
     * @param currency         ISO 4217 code, e.g. USD or CNY
     */
    record Price(double perMillionTokens, String currency) {
        public Price {
            if (perMillionTokens < 0 || Double.isNaN(perMillionTokens)) {
                throw new IllegalArgumentException("price must not be negative");
            }
            java.util.Objects.requireNonNull(currency, "currency is null");
        }

        /** The cost of {@code tokens} tokens. */
        public double of(long tokens) {
            return perMillionTokens * tokens / 1_000_000.0;
        }
    }

    /** For {@code run}/{@code preview}: a cheap call proving endpoint and credentials work. Default: nothing. */
    default void check() throws Exception {
    }

    @Override
    default void close() throws Exception {
    }
}
