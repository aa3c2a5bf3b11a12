package io.vectorsync.model.onnx;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Merges the calls of every client of one model (all streams, all steps) into runs of a good size and splits the
 * vectors back. Tokenized texts wait in one queue; {@code runners} threads each take a share of it, sort their
 * share by token count and run it in sub-batches padded only to their own longest text.
 *
 * <p>How much a runner takes: everything queued divided among the runners that are free (so one big call is
 * spread over the cores), at most {@link #MAX_RUN_ROWS} texts. When it would take fewer than {@link #GOOD_ROWS}
 * texts, all of them from calls that have not started, while another run is busy, it waits up to
 * {@code maxWaitNanos} (default 2 ms, {@code -Dvectorsync.onnx.maxWaitMillis}) for more to arrive: other callers
 * are active, and their next calls join the run. A lone caller never waits: with no run busy, or with part of its
 * call already running, its texts go at once.
 */
final class OnnxMicroBatcher implements AutoCloseable {
    /** A run taking fewer texts than this waits (bounded) for more when other runs are busy. */
    static final int GOOD_ROWS = Integer.getInteger("vectorsync.onnx.goodRows", 16);
    /** Texts one runner takes at most. */
    static final int MAX_RUN_ROWS = Integer.getInteger("vectorsync.onnx.maxRunRows", 64);
    /** Texts per ONNX run (sub-batch) at most, for models that can batch. */
    static final int SUB_BATCH_ROWS = Integer.getInteger("vectorsync.onnx.subBatchRows", 16);
    /** Padded tokens (rows x longest) per ONNX run at most, so long texts run in smaller groups. */
    static final int SUB_BATCH_TOKENS = Integer.getInteger("vectorsync.onnx.subBatchTokens", 8192);

    /** Runs one padded sub-batch: {@code ids} sorted longest first, all padded to {@code ids[0].length}. */
    interface SubBatchRunner {
        float[][] run(long[][] ids) throws Exception;
    }

    /** One caller's texts; completes when every text has its vector. */
    private static final class Call {
        final long[][] ids;
        final float[][] vectors;
        final CompletableFuture<float[][]> done = new CompletableFuture<>();
        final AtomicInteger remaining;
        volatile boolean started;

        Call(long[][] ids) {
            this.ids = ids;
            this.vectors = new float[ids.length][];
            this.remaining = new AtomicInteger(ids.length);
        }
    }

    /** One queued text: its call and its index there. */
    private record Text(Call call, int index) {
        long[] ids() {
            return call.ids[index];
        }
    }

    private final SubBatchRunner runner;
    private final int subBatchRows;
    private final long maxWaitNanos;
    private final int runners;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Deque<Text> queue = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private int busy;
    private boolean closed;

    /**
     * Starts {@code runners} threads; {@code subBatchRows} texts share an ONNX run at most (1 for models whose
     * vectors would change with batch mates).
     */
    OnnxMicroBatcher(String name, int runners, int subBatchRows, long maxWaitNanos, ClassLoader contextLoader,
                     SubBatchRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
        this.subBatchRows = subBatchRows;
        this.maxWaitNanos = maxWaitNanos;
        this.runners = runners;
        for (int i = 1; i <= runners; i++) {
            Thread t = new Thread(this::runLoop, "onnx-" + name + "-" + i);
            t.setDaemon(true);
            t.setContextClassLoader(contextLoader);
            threads.add(t);
            t.start();
        }
    }

    /** Queues {@code ids} (one token array per text); the future gets one vector per text, in order. */
    CompletableFuture<float[][]> submit(long[][] ids) {
        Call call = new Call(ids);
        if (ids.length == 0) {
            call.done.complete(call.vectors);
            return call.done;
        }
        lock.lock();
        try {
            if (closed) {
                call.done.completeExceptionally(new IllegalStateException("the model is closed"));
                return call.done;
            }
            for (int i = 0; i < ids.length; i++) {
                queue.add(new Text(call, i));
            }
            queued.signalAll();
        } finally {
            lock.unlock();
        }
        return call.done;
    }

    private void runLoop() {
        while (true) {
            List<Text> run;
            try {
                run = take();
            } catch (InterruptedException e) {
                return;
            }
            if (run == null) {
                return;
            }
            try {
                runSorted(run);
            } finally {
                lock.lock();
                try {
                    busy--;
                    if (!queue.isEmpty()) {
                        queued.signal();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** The next run's texts (null when closed), after the bounded wait described in the class comment. */
    private List<Text> take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                queued.await();
            }
            long deadline = System.nanoTime() + maxWaitNanos;
            while (!closed && queue.size() < GOOD_ROWS && busy > 0 && noneStarted()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                queued.awaitNanos(left);
            }
            if (closed) {
                return null;
            }
            int free = runners - busy;
            int share = Math.min(MAX_RUN_ROWS, Math.max(1, (queue.size() + free - 1) / free));
            List<Text> run = new ArrayList<>(share);
            while (run.size() < share && !queue.isEmpty()) {
                Text t = queue.poll();
                t.call.started = true;
                run.add(t);
            }
            busy++;
            return run;
        } finally {
            lock.unlock();
        }
    }

    private boolean noneStarted() {
        for (Text t : queue) {
            if (t.call.started) {
                return false;
            }
        }
        return true;
    }

    /** Sorts {@code run} by token count, runs it in padded sub-batches and hands each vector to its call. */
    private void runSorted(List<Text> run) {
        Text[] texts = run.toArray(Text[]::new);
        Arrays.sort(texts, Comparator.comparingInt((Text t) -> t.ids().length).reversed());
        int start = 0;
        while (start < texts.length) {
            int longest = texts[start].ids().length;
            int end = start + 1;
            while (end < texts.length && end - start < subBatchRows
                    && (long) (end - start + 1) * longest <= SUB_BATCH_TOKENS) {
                end++;
            }
            Text[] part = Arrays.copyOfRange(texts, start, end);
            try {
                long[][] ids = new long[part.length][];
                Arrays.setAll(ids, i -> part[i].ids());
                float[][] vectors = runner.run(ids);
                for (int i = 0; i < part.length; i++) {
                    Call call = part[i].call;
                    call.vectors[part[i].index] = vectors[i];
                    if (call.remaining.decrementAndGet() == 0) {
                        call.done.complete(call.vectors);
                    }
                }
            } catch (Exception | Error e) {
                for (Text t : part) {
                    t.call.done.completeExceptionally(e); // the call fails as a whole; its other texts are ignored
                }
            }
            start = end;
        }
    }

    @Override
    public void close() {
        List<Text> left;
        lock.lock();
        try {
            closed = true;
            left = new ArrayList<>(queue);
            queue.clear();
            queued.signalAll();
        } finally {
            lock.unlock();
        }
        left.forEach(t -> t.call.done.completeExceptionally(new IllegalStateException("the model was closed")));
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
