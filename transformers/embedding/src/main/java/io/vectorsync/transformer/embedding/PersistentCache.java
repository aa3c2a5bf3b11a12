package io.vectorsync.transformer.embedding;

import java.util.List;
import java.util.Map;

/**
 * A cache of vectors that outlives the run: on this machine's disk ({@link LmdbVectorStore}) or on a shared server.
 * Keys are the texts of one model configuration (the step's {@code cacheKey()}); implementations store them as
 * SHA-256 of (model key, text). A store never returns a vector whose checksum does not match: a torn or corrupt
 * entry is a miss (and is re-embedded). Thread-safe.
 */
interface PersistentCache extends AutoCloseable {
    /** The stored vectors of those {@code texts} that are present and intact. */
    Map<String, float[]> getAll(List<String> texts);

    /** Stores vectors (best effort: a failing store logs and the run goes on). */
    void putAll(Map<String, float[]> vectors);

    @Override
    void close();
}
