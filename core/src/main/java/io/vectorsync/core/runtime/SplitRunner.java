package io.vectorsync.core.runtime;

import io.vectorsync.api.reader.Split;
import io.vectorsync.core.job.JobPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs given splits of a planned job through the same {@link StreamPipeline streams} as the local engine, and
 * nothing else: no check, no prepare, no finish. For an engine that runs one job as several tasks (the Flink
 * engine: the client checks and prepares once, each task runs its share of the splits, the client finishes),
 * each task calls this with its own splits and its own range of writer task indexes.
 */
public final class SplitRunner {
    private SplitRunner() {
    }

    /**
     * Runs {@code splits} on {@code streams} streams whose writer tasks are opened with indexes
     * {@code firstStreamIndex .. firstStreamIndex + streams - 1}; returns when all are written, or throws the
     * first failure (after every stream stopped).
     *
     * @param throttle the share of {@code speed.mbps} / {@code speed.record} this task may use
     */
    public static void run(JobPlan plan, List<? extends Split> splits, int firstStreamIndex, int streams,
                           Throttle throttle, JobControl control, RunOptions options) throws Throwable {
        Queue<Split> queue = new ConcurrentLinkedQueue<>(splits);
        int n = Math.max(1, Math.min(streams, splits.size()));
        StreamPipeline.JobContextView view = new StreamPipeline.JobContextView(plan.reader(), plan.transformers(),
                plan.writers(), queue, throttle, control, options, null, null);
        List<StageThread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.addAll(new StreamPipeline(firstStreamIndex + i, view).threads());
        }
        for (StageThread t : threads) {
            control.attach(t);
            t.start();
        }
        try {
            for (StageThread t : threads) {
                while (t.isAlive()) {
                    long graceLeft = control.stopRequested()
                            ? control.stopNanos() + options.stopGrace().toNanos() - System.nanoTime() : Long.MAX_VALUE;
                    if (graceLeft <= 0) {
                        break; // stopping, and the stage did not end in time: abandon it as the local engine does
                    }
                    t.join(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(graceLeft))));
                }
            }
        } catch (InterruptedException e) {
            control.cancel("the task was cancelled"); // stop the streams; the caller's cancellation wins
            throw e;
        }
        if (control.cause() != null) {
            throw control.cause();
        }
    }
}
