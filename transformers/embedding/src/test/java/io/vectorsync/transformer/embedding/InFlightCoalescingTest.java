package io.vectorsync.transformer.embedding;

import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.params;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vectorsync.api.record.Row;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Streams of one step never send a text another stream is already embedding: texts sent = distinct texts. */
class InFlightCoalescingTest {
    @Test
    void twoStreamsWithThirtyPercentRepeatsSendEachDistinctTextOnce() throws Exception {
        assertSentOnce(2, 3000);
    }

    @Test
    void fourStreamsSendEachDistinctTextOnce() throws Exception {
        assertSentOnce(4, 1000);
    }

    @Test
    void concurrentRequestsBoundsTheCallsInFlightOfAllStreamsTogether() throws Exception {
        FakeEmbeddingModelFactory fake = new FakeEmbeddingModelFactory();
        fake.latencyMinMs = 2;
        fake.latencyMaxMs = 8;
        TestPluginContext ctx = new TestPluginContext("embed", 3).withModel(fake);
        try (Transformer t = EmbeddingTestSupport.open(params("concurrentRequests", 3), ctx)) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                int stream = s;
                done.add(pool.submit(() -> {
                    List<Row> rows = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        rows.add(row(i, "stream " + stream + " text " + i, ""));
                    }
                    t.transform(rows, new TransformOutput() {
                        @Override
                        public void emit(Row record) {
                        }

                        @Override
                        public void filter(Row input) {
                        }
                    });
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
        assertEquals(900, fake.textsSent().size());
        org.junit.jupiter.api.Assertions.assertTrue(fake.maxInFlightSeen.get() <= 3,
                "at most concurrentRequests in flight over all streams: " + fake.maxInFlightSeen.get());
    }

    private static void assertSentOnce(int streams, int distinctTexts) throws Exception {
        FakeEmbeddingModelFactory fake = new FakeEmbeddingModelFactory();
        fake.latencyMinMs = 1;
        fake.latencyMaxMs = 15; // calls overlap, so the same text is often in flight in another stream
        Random random = new Random(42);
        List<List<Row>> inputs = new ArrayList<>();
        int perStream = (int) Math.ceil(distinctTexts / (double) streams / 0.7);
        int next = 0;
        for (int s = 0; s < streams; s++) {
            inputs.add(new ArrayList<>());
        }
        // 70 % new texts, 30 % repeats of texts any stream already has (so also across streams)
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < perStream * streams; i++) {
            String text;
            if ((random.nextDouble() < 0.3 && !seen.isEmpty()) || next >= distinctTexts) {
                text = seen.get(random.nextInt(seen.size()));
            } else {
                text = "text " + next++;
                seen.add(text);
            }
            inputs.get(i % streams).add(row(i, text, ""));
        }
        TestPluginContext ctx = new TestPluginContext("embed", streams).withModel(fake);
        List<Row> emitted = Collections.synchronizedList(new ArrayList<>());
        try (Transformer t = EmbeddingTestSupport.open(params("cacheSizeMb", 64), ctx)) {
            ExecutorService pool = Executors.newFixedThreadPool(streams);
            List<Future<?>> done = new ArrayList<>();
            for (List<Row> input : inputs) {
                done.add(pool.submit(() -> {
                    TransformOutput out = new TransformOutput() {
                        @Override
                        public void emit(Row record) {
                            emitted.add(record);
                        }

                        @Override
                        public void filter(Row input) {
                            throw new AssertionError("nothing is filtered");
                        }
                    };
                    for (int from = 0; from < input.size(); from += 50) {
                        t.transform(input.subList(from, Math.min(input.size(), from + 50)), out);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
        List<String> sent = fake.textsSent();
        Set<String> distinctSent = new HashSet<>(sent);
        assertEquals(new HashSet<>(seen), distinctSent, "every distinct text was embedded");
        assertEquals(seen.size(), sent.size(), "no text was sent twice");
        assertEquals(inputs.stream().mapToInt(List::size).sum(), emitted.size(), "every record came out");
        for (Row r : emitted) {
            EmbeddingTestSupport.assertVectorOf((String) r.get("title"), r);
        }
    }
}
