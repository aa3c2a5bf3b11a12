package io.vectorsync.transformer.embedding;

/** Opens the persistent tier the step's {@code persistentCache} parameter asks for. */
final class PersistentCaches {
    private PersistentCaches() {
    }

    /** The store, or null when disabled. */
    static PersistentCache open(PersistentCacheSettings settings, String provider, String modelKey, int dimension,
                                String stepName) {
        return null;
    }
}
