package io.vectorsync.transformer.embedding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The two embedded stores considered for the persistent embedding cache, on the cache's own workload: batches of
 * 100 vectors of 1024 floats written in one transaction each, then looked up by SHA-256 key. LMDB through
 * {@link LmdbVectorStore} (checksums, key hashing and all), H2's MVStore with the same keys and value bytes.
 * Run: {@code mvn -pl transformers/embedding test -Dtest=VectorStoreBenchmark -Dbench -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class VectorStoreBenchmark {
    private static final int N = Integer.getInteger("bench.vectors", 20_000);
    private static final int DIM = 1024;

    @Test
    void lmdbVersusMvStore() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            texts.add("benchmark text number " + i);
        }
        float[] v = FakeEmbeddingModelFactory.vector("x", DIM);

        Path lmdbDir = Files.createTempDirectory("bench-lmdb");
        try (LmdbVectorStore store = new LmdbVectorStore(lmdbDir, 4096, "p", "m", DIM)) {
            long t0 = System.nanoTime();
            for (int b = 0; b < N; b += 100) {
                Map<String, float[]> batch = new LinkedHashMap<>();
                for (int i = b; i < Math.min(N, b + 100); i++) {
                    batch.put(texts.get(i), v);
                }
                store.putAll(batch);
            }
            long t1 = System.nanoTime();
            int found = 0;
            for (int b = 0; b < N; b += 100) {
                found += store.getAll(texts.subList(b, Math.min(N, b + 100))).size();
            }
            long t2 = System.nanoTime();
            print("LMDB (lmdbjava 0.9.0)", t0, t1, t2, found, store.usedBytes());
        }

        Path mv = Files.createTempDirectory("bench-mv").resolve("cache.mv.db");
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (MVStore store = new MVStore.Builder().fileName(mv.toString()).open()) {
            MVMap<byte[], byte[]> map = store.openMap("vectors");
            long t0 = System.nanoTime();
            for (int b = 0; b < N; b += 100) {
                for (int i = b; i < Math.min(N, b + 100); i++) {
                    map.put(md.digest(texts.get(i).getBytes()), LmdbVectorStore.encode(v, System.currentTimeMillis()));
                }
                store.commit();
            }
            long t1 = System.nanoTime();
            int found = 0;
            for (int i = 0; i < N; i++) {
                byte[] value = map.get(md.digest(texts.get(i).getBytes()));
                if (value != null && LmdbVectorStore.decode(value, DIM) != null) {
                    found++;
                }
            }
            long t2 = System.nanoTime();
            store.compactFile(10_000);
            print("H2 MVStore 2.2.224", t0, t1, t2, found, Files.size(mv));
        }
    }

    private static void print(String name, long t0, long t1, long t2, int found, long bytes) {
        System.out.printf("%s: write %.0f vectors/s, read %.0f vectors/s, %d found, %.1f MB for %d vectors of %d floats%n",
                name, N / ((t1 - t0) / 1e9), N / ((t2 - t1) / 1e9), found, bytes / 1e6, N, DIM);
    }
}
