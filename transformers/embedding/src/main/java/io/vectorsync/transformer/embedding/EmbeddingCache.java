package io.vectorsync.transformer.embedding;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vectorsync.api.Metrics;

/**
 * Vectors already computed, keyed by the model's {@code cacheKey()} and the exact text sent. A Caffeine cache
 * (W-TinyLFU eviction) bounded in entries, shared by every stream of the step. Counts hits and misses into
 * {@link Metrics#CACHE_HITS} and {@link Metrics#CACHE_MISSES}. Size 0 disables it (nothing counted).
 */
final class EmbeddingCache {
    private record Key(String model, String text) {
    }

    private final String modelKey;
    private final Cache<Key, float[]> cache;
    private final Metrics.Counter hits;
    private final Metrics.Counter misses;

    EmbeddingCache(String modelKey, long maxEntries, Metrics metrics) {
        this.modelKey = modelKey;
        this.cache = maxEntries > 0 ? Caffeine.newBuilder().maximumSize(maxEntries).build() : null;
        this.hits = metrics.counter(Metrics.CACHE_HITS);
        this.misses = metrics.counter(Metrics.CACHE_MISSES);
    }

    /** The cached vector of {@code text}, or {@code null}. The caller must not change the array. */
    float[] get(String text) {
        if (cache == null) {
            return null;
        }
        float[] v = cache.getIfPresent(new Key(modelKey, text));
        (v == null ? misses : hits).increment();
        return v;
    }

    void put(String text, float[] vector) {
        if (cache != null) {
            cache.put(new Key(modelKey, text), vector);
        }
    }
}
