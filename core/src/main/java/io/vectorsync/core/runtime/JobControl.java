package io.vectorsync.core.runtime;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/** The job's stop signal: the first failure wins; everything else checks {@link #stopRequested()}. */
public final class JobControl {
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stop;
    private final String runId;

    /** A new run, coordinated by this process. */
    public JobControl() {
        this(newRunId());
    }

    /** A part of a run coordinated elsewhere (a Flink subtask): the coordinator's {@link #runId()}. */
    public JobControl(String runId) {
        this.runId = runId;
    }

    private static String newRunId() {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return self.pid() + "-" + started + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }

    /** The run's id, {@code <pid>-<processStartMillis>-<hex>} of the coordinating process (see PluginContext). */
    public String runId() {
        return runId;
    }

    /** Records {@code cause} as the job's failure if it is the first, and asks everything to stop. */
    public void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
        stop = true;
    }

    /** Asks everything to stop without failing (preview reached its limit). */
    public void stop() {
        stop = true;
    }

    public boolean stopRequested() {
        return stop;
    }

    public Throwable failure() {
        return failure.get();
    }
}
