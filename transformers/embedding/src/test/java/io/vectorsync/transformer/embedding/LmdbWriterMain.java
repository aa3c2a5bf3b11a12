package io.vectorsync.transformer.embedding;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Run in a second JVM by {@link PersistentCacheTest}: writes {@code n} vectors "{prefix} i" into the cache at dir. */
public final class LmdbWriterMain {
    private LmdbWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        int n = Integer.parseInt(args[2]);
        try (LmdbVectorStore store = new LmdbVectorStore(dir, 64, "fake", "fake/fake-embed/8", 8)) {
            for (int from = 0; from < n; from += 10) {
                Map<String, float[]> batch = new LinkedHashMap<>();
                for (int i = from; i < Math.min(n, from + 10); i++) {
                    String text = prefix + " " + i;
                    batch.put(text, FakeEmbeddingModelFactory.vector(text, 8));
                }
                store.putAll(batch);
                store.getAll(List.copyOf(batch.keySet()));
            }
        }
    }
}
