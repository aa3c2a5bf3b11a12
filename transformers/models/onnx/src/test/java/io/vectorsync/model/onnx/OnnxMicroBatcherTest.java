package io.vectorsync.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The micro-batcher with a recording runner in place of ONNX Runtime: which texts go into which run, and that every
 * vector finds its way back to its call and position. A text's "vector" is its token ids as floats.
 */
class OnnxMicroBatcherTest {
    /** The sub-batches the runner got, in order. */
    private final List<long[][]> runs = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch firstRunStarted = new CountDownLatch(1);

    private float[][] record(long[][] ids) throws InterruptedException {
        firstRunStarted.countDown();
        if (ids[0][0] == 100) { // the texts tagged 100 keep their runner busy until the gate opens
            gate.await();
        }
        runs.add(ids);
        float[][] vectors = new float[ids.length][];
        for (int r = 0; r < ids.length; r++) {
            vectors[r] = new float[ids[r].length];
            for (int t = 0; t < ids[r].length; t++) {
                vectors[r][t] = ids[r][t];
            }
        }
        return vectors;
    }

    private OnnxMicroBatcher batcher(int runners, long maxWaitNanos) {
        return new OnnxMicroBatcher("t", runners, OnnxMicroBatcher.SUB_BATCH_ROWS, maxWaitNanos,
                getClass().getClassLoader(), this::record);
    }

    /** A text of {@code length} tokens, all equal to {@code tag}. */
    private static long[] text(long tag, int length) {
        long[] ids = new long[length];
        java.util.Arrays.fill(ids, tag);
        return ids;
    }

    @Test
    void aBigCallIsSpreadOverTheRunnersSortedAndPaddedPerSubBatch() throws Exception {
        long[][] call = new long[64][];
        for (int i = 0; i < call.length; i++) {
            call[i] = text(i, 1 + (i * 7) % 30);
        }
        try (OnnxMicroBatcher batcher = batcher(2, 0)) {
            float[][] vectors = batcher.submit(call).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < call.length; i++) {
                assertEquals(call[i].length, vectors[i].length, "text " + i + " got its own vector");
                assertEquals(i, (int) vectors[i][0]);
            }
        }
        assertTrue(runs.size() >= 4, "64 texts make at least 4 sub-batches of at most 16: " + runs.size());
        for (long[][] run : runs) {
            assertTrue(run.length <= OnnxMicroBatcher.SUB_BATCH_ROWS);
            for (int r = 1; r < run.length; r++) {
                assertTrue(run[r - 1].length >= run[r].length, "sorted longest first");
            }
        }
    }

    @Test
    void callsQueuedWhileTheModelIsBusyAreMergedIntoOneRun() throws Exception {
        gate = new CountDownLatch(1);
        try (OnnxMicroBatcher batcher = batcher(1, 0)) {
            CompletableFuture<float[][]> first = batcher.submit(new long[][] {text(100, 3)});
            assertTrue(firstRunStarted.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<float[][]>> later = new ArrayList<>();
            for (int call = 1; call <= 3; call++) {
                later.add(batcher.submit(new long[][] {text(call, 2 + call), text(10 + call, 2)}));
            }
            gate.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (int call = 1; call <= 3; call++) {
                float[][] v = later.get(call - 1).get(10, TimeUnit.SECONDS);
                assertEquals(call, (int) v[0][0]);
                assertEquals(10 + call, (int) v[1][0]);
            }
        }
        assertEquals(2, runs.size(), "the three calls queued behind the first ran as one: " + runs.size());
        assertEquals(6, runs.get(1).length);
        assertEquals(5, runs.get(1)[0].length, "padded to the longest text of the merged run");
    }

    @Test
    void aSmallCallWaitsBoundedForOtherCallersWhileAnotherRunIsBusy() throws Exception {
        gate = new CountDownLatch(1);
        long maxWait = TimeUnit.SECONDS.toNanos(1);
        try (OnnxMicroBatcher batcher = batcher(2, maxWait)) {
            CompletableFuture<float[][]> busy = batcher.submit(new long[][] {text(100, 3)});
            assertTrue(firstRunStarted.await(10, TimeUnit.SECONDS));
            // the free runner sees one small call while the other is busy: it waits for more instead of running it
            CompletableFuture<float[][]> a = batcher.submit(new long[][] {text(1, 2)});
            CompletableFuture<float[][]> b = batcher.submit(new long[][] {text(2, 4)});
            // ... but not for ever: both complete while the other run is still busy
            assertEquals(1, (int) a.get(10, TimeUnit.SECONDS)[0][0]);
            assertEquals(2, (int) b.get(10, TimeUnit.SECONDS)[0][0]);
            assertTrue(!busy.isDone());
            gate.countDown();
            busy.get(10, TimeUnit.SECONDS);
        }
        assertEquals(2, runs.size(), "a and b ran together: " + runs.size());
        assertEquals(2, runs.get(0).length);
    }

    @Test
    void aFailedRunFailsItsCallsAndTheBatcherGoesOn() throws Exception {
        try (OnnxMicroBatcher batcher = new OnnxMicroBatcher("t", 1, 16, 0, getClass().getClassLoader(), ids -> {
            if (ids[0][0] == 666) {
                throw new IllegalStateException("boom");
            }
            return record(ids);
        })) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> batcher.submit(new long[][] {text(666, 2)}).get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals(7, (int) batcher.submit(new long[][] {text(7, 2)}).get(10, TimeUnit.SECONDS)[0][0]);
        }
    }

    @Test
    void closingFailsWhatIsStillQueued() throws Exception {
        gate = new CountDownLatch(1);
        OnnxMicroBatcher batcher = batcher(1, 0);
        CompletableFuture<float[][]> running = batcher.submit(new long[][] {text(100, 2)});
        assertTrue(firstRunStarted.await(10, TimeUnit.SECONDS));
        CompletableFuture<float[][]> queued = batcher.submit(new long[][] {text(2, 2)});
        Thread closer = new Thread(batcher::close);
        closer.start();
        ExecutionException e = assertThrows(ExecutionException.class, () -> queued.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
        gate.countDown();
        assertEquals(100, (int) running.get(10, TimeUnit.SECONDS)[0][0], "a run already going completes");
        closer.join(10_000);
        ExecutionException after = assertThrows(ExecutionException.class,
                () -> batcher.submit(new long[][] {text(3, 2)}).get(10, TimeUnit.SECONDS));
        assertTrue(after.getCause().getMessage().contains("closed"));
    }
}
