package io.vectorsync.core.runtime;

import io.vectorsync.api.reader.Split;
import io.vectorsync.core.job.JobPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

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
                plan.writer(), queue, throttle, control, options, null, null);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.addAll(new StreamPipeline(firstStreamIndex + i, view).threads());
        }
        threads.forEach(Thread::start);
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            control.fail(e); // the task is being cancelled: stop the streams, then let them unwind
            for (Thread t : threads) {
                t.join(10_000);
            }
            throw e;
        }
        if (control.failure() != null) {
            throw control.failure();
        }
    }
}
