package io.vectorsync.transformer.embedding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the persistent tier the step's {@code persistentCache} parameter asks for. */
final class PersistentCaches {
    private static final Logger LOG = LoggerFactory.getLogger(PersistentCaches.class);

    private PersistentCaches() {
    }

    /** The store, or null when disabled or when the directory cannot be used (logged: the run embeds instead). */
    static PersistentCache open(PersistentCacheSettings settings, String provider, String modelKey, int dimension,
                                String stepName) {
        if (!settings.enabled()) {
            return null;
        }
        String where = settings.url() != null ? settings.url() : String.valueOf(settings.path());
        try {
            if (settings.url() != null) {
                return new PostgresVectorStore(settings, provider, modelKey, dimension);
            }
            return new LmdbVectorStore(settings.path(), settings.maxSizeMb(), provider, modelKey, dimension);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("{}: cannot open the embedding cache at {} ({}); this run embeds without it", stepName,
                    where, e.toString());
            return null;
        }
    }

    /** {@code store} for reading only (estimates look vectors up but must not store their zero vectors). */
    static PersistentCache readOnly(PersistentCache store) {
        return new PersistentCache() {
            @Override
            public java.util.Map<String, float[]> getAll(java.util.List<String> texts) {
                return store.getAll(texts);
            }

            @Override
            public void putAll(java.util.Map<String, float[]> vectors) {
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
