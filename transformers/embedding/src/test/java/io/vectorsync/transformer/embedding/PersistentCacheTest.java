package io.vectorsync.transformer.embedding;

import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.params;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.record.Row;
import io.vectorsync.testkit.PluginHarness;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk tier: later runs reuse vectors, changed texts alone are embedded, corruption is never returned. */
class PersistentCacheTest {
    @TempDir
    Path dir;

    private Map<String, Object> cached() {
        return params("persistentCache", Map.of("path", dir.toString()));
    }

    private static List<Row> rows(int n, int changedEvery) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String title = changedEvery > 0 && i % changedEvery == 0 ? "changed text " + i : "text " + i;
            rows.add(row(i, title, ""));
        }
        return rows;
    }

    private PluginHarness.TransformResult run(FakeEmbeddingModelFactory fake, List<Row> rows) throws Exception {
        return EmbeddingTestSupport.run(fake, cached(), rows, 50);
    }

    @Test
    void secondRunOfTheSameJobMakesNoModelCall() throws Exception {
        FakeEmbeddingModelFactory first = new FakeEmbeddingModelFactory();
        var one = run(first, rows(300, 0));
        assertEquals(300, first.textsSent().size());
        assertEquals(300, one.context().counter(Metrics.CACHE_MISSES));

        FakeEmbeddingModelFactory second = new FakeEmbeddingModelFactory();
        var two = run(second, rows(300, 0));
        assertEquals(List.of(), second.calls(), "every vector came from the disk cache");
        assertEquals(300, two.context().counter(VectorResolver.PERSISTENT_CACHE_HITS));
        assertEquals(300, two.records().size());
        for (Row r : two.records()) {
            EmbeddingTestSupport.assertVectorOf((String) r.get("title"), r);
        }
    }

    @Test
    void aRunAfterTenPercentChangedEmbedsExactlyThose() throws Exception {
        run(new FakeEmbeddingModelFactory(), rows(300, 0));
        FakeEmbeddingModelFactory after = new FakeEmbeddingModelFactory();
        var result = run(after, rows(300, 10));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i += 10) {
            expected.add("changed text " + i);
        }
        assertEquals(expected, after.textsSent());
        assertEquals(270, result.context().counter(VectorResolver.PERSISTENT_CACHE_HITS));
    }

    @Test
    void otherModelSettingsDoNotShareVectors() throws Exception {
        run(new FakeEmbeddingModelFactory(), rows(20, 0));
        FakeEmbeddingModelFactory other = new FakeEmbeddingModelFactory();
        Map<String, Object> p = cached();
        p.put("modelName", "another-model");
        EmbeddingTestSupport.run(other, p, rows(20, 0), 50);
        assertEquals(20, other.textsSent().size(), "a vector of another model is never reused");
    }

    @Test
    void aCorruptEntryIsDetectedAndReEmbedded() throws Exception {
        run(new FakeEmbeddingModelFactory(), rows(50, 0));
        // flip one bit inside the stored floats of "text 7" (LMDB keeps values as written, big-endian here)
        float[] v = FakeEmbeddingModelFactory.vector("text 7", EmbeddingTestSupport.DIM);
        ByteBuffer pattern = ByteBuffer.allocate(4 * v.length);
        for (float f : v) {
            pattern.putFloat(f);
        }
        Path data = dir.resolve("data.mdb");
        byte[] file = Files.readAllBytes(data);
        int at = indexOf(file, pattern.array());
        assertTrue(at > 0, "the vector is in the file");
        file[at + 5] ^= 0x10;
        Files.write(data, file);

        FakeEmbeddingModelFactory again = new FakeEmbeddingModelFactory();
        var result = run(again, rows(50, 0));
        assertEquals(List.of("text 7"), again.textsSent(), "only the corrupt entry is embedded again");
        for (Row r : result.records()) {
            EmbeddingTestSupport.assertVectorOf((String) r.get("title"), r);
        }
        FakeEmbeddingModelFactory third = new FakeEmbeddingModelFactory();
        run(third, rows(50, 0));
        assertEquals(List.of(), third.calls(), "the re-embedded vector replaced the corrupt entry");
    }

    @Test
    void twoProcessesWriteOneCacheAtOnce() throws Exception {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LmdbWriterMain.class.getName(),
                dir.toString(), "child", "2000").redirectErrorStream(true).start();
        LmdbWriterMain.main(new String[] {dir.toString(), "parent", "2000"});
        assertTrue(other.waitFor(2, TimeUnit.MINUTES), "the other process finished");
        String output = new String(other.getInputStream().readAllBytes());
        assertEquals(0, other.exitValue(), output);
        try (LmdbVectorStore store = new LmdbVectorStore(dir, 64, "fake", "fake/fake-embed/8", 8)) {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                all.add("child " + i);
                all.add("parent " + i);
            }
            Map<String, float[]> found = store.getAll(all);
            assertEquals(4000, found.size(), "both processes' vectors are there");
            assertArrayEquals(FakeEmbeddingModelFactory.vector("child 1999", 8), found.get("child 1999"));
        }
    }

    @Test
    void theStoreStaysWithinMaxSizeMbEvictingTheLeastRecentlyUsed() {
        Path small = dir.resolve("small");
        try (LmdbVectorStore store = new LmdbVectorStore(small, 1, "p", "m", 256)) {
            store.putAll(Map.of("kept", FakeEmbeddingModelFactory.vector("kept", 256)));
            for (int b = 0; b < 100; b++) {
                java.util.Map<String, float[]> batch = new java.util.HashMap<>();
                for (int i = 0; i < 20; i++) {
                    batch.put("t" + b + "/" + i, FakeEmbeddingModelFactory.vector("t" + i, 256));
                }
                store.putAll(batch);
                assertEquals(1, store.getAll(List.of("kept")).size(), "a text in use is not evicted (batch " + b + ")");
            }
            assertTrue(store.usedBytes() <= 1024 * 1024, "on disk: " + store.usedBytes());
            assertNull(store.getAll(List.of("t0/0")).get("t0/0"), "old unused entries were evicted");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
