package io.vectorsync.core.runtime;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The job's stop signal, shared by every stage of every stream. The first cause wins: a failure ({@link #fail}) or
 * a cancellation ({@link #cancel}, e.g. on SIGTERM). Recording the cause is the first thing that happens when a job
 * stops; then the stop flag is raised and every attached thread (the stage threads, and the driver while it checks,
 * prepares and plans) is interrupted, so a stage blocked in a plugin call or a channel wakes up. Stages check
 * {@link #stopRequested()} per batch, never per record.
 */
public final class JobControl {
    private final AtomicReference<Throwable> cause = new AtomicReference<>();
    private final Set<Thread> attached = new LinkedHashSet<>(); // guarded by this
    private boolean committing; // guarded by this
    private volatile boolean stop;
    private volatile long stopNanos;
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

    /** Records {@code failure} as the job's cause if it is the first, and stops the job. */
    public void fail(Throwable failure) {
        stopWith(Objects.requireNonNull(failure, "failure is null"), false);
    }

    /**
     * Cancels the job: not a failure, the job ends {@code CANCELLED}. Returns false when it is too late, because
     * every stage has ended and the writer is finishing (the job then completes), or when the job already stopped.
     */
    public boolean cancel(String reason) {
        return stopWith(new JobCancelledException(reason), true);
    }

    private boolean stopWith(Throwable c, boolean refuseWhileCommitting) {
        synchronized (this) {
            if (refuseWhileCommitting && committing) {
                return false;
            }
            if (!cause.compareAndSet(null, c)) {
                return false;
            }
            stopNanos = System.nanoTime();
            stop = true;
            // inside the lock: a thread that detached is never interrupted afterwards
            Thread self = Thread.currentThread();
            for (Thread t : attached) {
                if (t != self) {
                    t.interrupt();
                }
            }
            return true;
        }
    }

    /** Interrupt {@code thread} when the job stops (at once if it already has). */
    synchronized void attach(Thread thread) {
        attached.add(thread);
        if (stop && thread != Thread.currentThread()) {
            thread.interrupt();
        }
    }

    /** No more interrupts for {@code thread} from now on. */
    synchronized void detach(Thread thread) {
        attached.remove(thread);
    }

    /**
     * Every stage ended without a stop: the writer may finish. From now on {@link #cancel} is refused. Returns
     * false when the job has stopped after all.
     */
    synchronized boolean beginCommit() {
        if (cause.get() != null) {
            return false;
        }
        committing = true;
        return true;
    }

    public boolean stopRequested() {
        return stop;
    }

    /** When the job stopped ({@link System#nanoTime()}); meaningful once {@link #stopRequested()}. */
    long stopNanos() {
        return stopNanos;
    }

    /** The first failure or the cancellation; null while the job runs normally. */
    public Throwable cause() {
        return cause.get();
    }

    /** The first failure; null when the job has not failed (it may have been cancelled). */
    public Throwable failure() {
        Throwable c = cause.get();
        return c instanceof JobCancelledException ? null : c;
    }

    public boolean cancelled() {
        return cause.get() instanceof JobCancelledException;
    }
}
