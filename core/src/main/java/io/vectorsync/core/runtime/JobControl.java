package io.vectorsync.core.runtime;

import java.util.concurrent.atomic.AtomicReference;

/** The job's stop signal: the first failure wins; everything else checks {@link #stopRequested()}. */
public final class JobControl {
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stop;

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
