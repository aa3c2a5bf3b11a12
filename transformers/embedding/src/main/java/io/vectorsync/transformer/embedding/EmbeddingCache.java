package io.vectorsync.transformer.embedding;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The in-memory tier: vectors already computed in this JVM, keyed by the exact text sent (one instance per step, so
 * per model {@code cacheKey()}). A Caffeine cache (W-TinyLFU eviction) bounded in bytes, not entries: a 2048-float
 * vector weighs 8 KiB, a 64-float one 256 bytes. Shared by every stream of the step. {@code maxBytes} 0 disables
 * it. Counting hits is the caller's ({@link VectorResolver}).
 */
final class EmbeddingCache {
    /** Object headers, the key's String and the cache's own node, roughly. */
    private static final int ENTRY_OVERHEAD = 96;

    private final Cache<String, float[]> cache;

    EmbeddingCache(long maxBytes) {
        this.cache = maxBytes > 0 ? Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String text, float[] v) -> (int) Math.min(Integer.MAX_VALUE,
                        ENTRY_OVERHEAD + 2L * text.length() + 4L * v.length))
                .build() : null;
    }

    /** The cached vector of {@code text}, or {@code null}. The caller must not change the array. */
    float[] get(String text) {
        return cache == null ? null : cache.getIfPresent(text);
    }

    void put(String text, float[] vector) {
        if (cache != null) {
            cache.put(text, vector);
        }
    }
}
