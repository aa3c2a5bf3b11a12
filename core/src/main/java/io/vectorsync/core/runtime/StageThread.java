package io.vectorsync.core.runtime;

import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.stats.StepMetrics;

/**
 * The thread of one stage of one stream. It knows the step it is running (a transformer stage moves from step to
 * step), so a stage that does not stop within the grace period can be named in the job's error. Daemon: an
 * abandoned stage never keeps the JVM alive.
 */
final class StageThread extends Thread {
    private volatile PlannedStep<?> step;

    StageThread(String name, PlannedStep<?> step, Runnable body) {
        super(body, name);
        this.step = step;
        setDaemon(true);
    }

    /** The stage now runs {@code next}; one volatile write per batch and step. */
    void enter(PlannedStep<?> next) {
        this.step = next;
    }

    /** "step NAME (stepType)". */
    String describeStep() {
        StepMetrics m = step.context().stepMetrics();
        return "step " + m.stepName() + " (" + m.stepType() + ")";
    }
}
