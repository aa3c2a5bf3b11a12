package io.vectorsync.core.runtime;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.job.Settings;
import io.vectorsync.core.resume.ResumeSession;
import io.vectorsync.core.resume.SplitCounts;
import io.vectorsync.core.stats.ProgressReporter;
import io.vectorsync.core.stats.SecretMasker;
import io.vectorsync.core.stats.StepMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a planned job: checks the targets, prepares the writers, plans the reader's splits, runs
 * {@code speed.concurrent} {@link StreamPipeline streams} over them, checks the error limits and that every
 * record read was written, dirty or filtered (by every writer), and then finishes the writers in array order. The
 * job succeeds when every writer does; when it fails, each prepared writer whose {@code finish()} has not begun gets
 * {@code abort(cause)}.
 *
 * <p>When the job stops (a failure or a cancellation, recorded first in {@link JobControl}), every stage thread is
 * interrupted and gets {@link RunOptions#stopGrace()} to end; one that does not is named in the error and
 * abandoned (stage threads are daemons). Then the writer gets {@code abort(cause)} instead of {@code finish()};
 * {@code close()} follows when the plan is closed.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final long JOIN_STEP_MS = 100;

    private final JobControl control;
    private final DirtyRecords dirtyRecords;
    private final SecretMasker masker;
    private final ResumeSession resume;

    public JobRunner(JobControl control, DirtyRecords dirtyRecords, SecretMasker masker) {
        this(control, dirtyRecords, masker, null);
    }

    /**
     * A runner that journals its splits in {@code resume} (null: a plain run): it refuses a writer that is not
     * idempotent, skips the splits and the prepare an earlier attempt finished, and journals each split done
     * once the writer has flushed it. The session is not closed here.
     */
    public JobRunner(JobControl control, DirtyRecords dirtyRecords, SecretMasker masker, ResumeSession resume) {
        this.control = control;
        this.dirtyRecords = dirtyRecords;
        this.masker = masker;
        this.resume = resume;
    }

    public JobResult run(JobPlan plan, RunOptions options) {
        long start = System.nanoTime();
        Settings settings = plan.spec().settings();
        boolean preview = options.preview();
        List<Row> previewRecords = Collections.synchronizedList(new ArrayList<>());
        ProgressReporter progress = null;
        String abandoned = null;
        List<PlannedStep<Writer>> prepared = new ArrayList<>();
        int finishing = 0; // writers whose finish() has begun: never aborted
        try {
            List<? extends Split> splits;
            control.attach(Thread.currentThread()); // a stop interrupts check, prepare and planSplits too
            try {
                throwIfStopped();
                plan.checkTargets();
                if (resume != null) { // after check: some writers read the answer from the target
                    requireResumable(plan);
                }
                int concurrent = preview ? 1 : settings.concurrent();
                splits = plan.reader().plugin().call(() -> plan.reader().instance().planSplits(concurrent));
                if (resume != null) { // before prepare: a changed input is refused before anything is touched
                    List<? extends Split> planned = splits;
                    splits = resume.begin(plan.reader().spec().stepType(), planned,
                            plan.reader().plugin().call(() -> plan.reader().instance().splitCodec()));
                }
                if (!preview) {
                    boolean again = resume == null || !resume.prepareDone();
                    for (PlannedStep<Writer> w : plan.writers()) {
                        prepared.add(w);
                        if (again) {
                            w.plugin().run(() -> w.instance().prepare());
                        } else {
                            LOG.info("step {}: prepare already ran in an earlier attempt; not run again",
                                    w.context().stepName());
                        }
                    }
                    if (resume != null && again) {
                        resume.markPrepared(); // never again for this job: prepare may truncate
                    }
                }
            } finally {
                control.detach(Thread.currentThread());
                // an interrupt delivered by the job's stop was meant for the calls above; the stop itself is
                // recorded in control and handled below, and the report must still be written by this thread
                if (control.stopRequested()) {
                    Thread.interrupted();
                }
            }
            throwIfStopped();
            Queue<Split> queue = new ConcurrentLinkedQueue<>(splits);
            int streams = Math.max(1, Math.min(preview ? 1 : settings.concurrent(), splits.size()));
            LOG.info("Job {}: {} split(s), {} stream(s)", plan.spec().name(), splits.size(), streams);
            StreamPipeline.JobContextView view = new StreamPipeline.JobContextView(plan.reader(), plan.transformers(),
                    plan.writers(), queue, preview ? Throttle.of(0, 0) : Throttle.of(settings.mbps(), settings.recordsPerSecond()),
                    control, options, preview ? previewRecords::addAll : null,
                    preview ? new AtomicLong(options.previewLimit()) : null, resume, new SplitTally());
            List<StageThread> threads = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                threads.addAll(new StreamPipeline(i, view).threads());
            }
            if (!preview && !options.progressInterval().isZero()) {
                progress = new ProgressReporter(plan, JobPlan.estimatedRecords(splits), options.progressInterval(), dirtyRecords);
                progress.start();
            }
            for (StageThread t : threads) {
                control.attach(t);
                t.start();
            }
            abandoned = awaitStages(threads, options.stopGrace());
            throwIfStopped();
            if (!preview) {
                // before finish: a job over its limits or short of records is never made visible
                checkPercentageLimit(plan, settings);
                checkAccounting(plan);
                if (!control.beginCommit()) {
                    throwIfStopped();
                }
                for (PlannedStep<Writer> w : plan.writers()) {
                    finishing++;
                    w.plugin().run(() -> w.instance().finish());
                }
                if (resume != null) {
                    resume.completed(); // nothing left to resume
                }
            }
            return result(plan, null, null, start, previewRecords);
        } catch (Throwable e) {
            control.fail(e); // a no-op when the job already has its cause
            for (PlannedStep<Writer> w : prepared.subList(Math.min(finishing, prepared.size()), prepared.size())) {
                abortWriter(w);
            }
            JobResult result = result(plan, control.cause(), abandoned, start, previewRecords);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // the caller interrupted this thread: keep the flag for it
            }
            return result;
        } finally {
            if (progress != null) {
                progress.stop();
            }
        }
    }

    /**
     * {@code --resume} needs writers that each write a replayed record over itself: the end-of-split barrier
     * journals a split once every writer has flushed it, and a split not journalled goes to every writer again.
     */
    private static void requireResumable(JobPlan plan) throws Exception {
        for (PlannedStep<Writer> w : plan.writers()) {
            ResumeSession.requireIdempotent(w.context().stepName(), w.spec().stepType(),
                    w.plugin().call(() -> w.instance().idempotence()));
        }
    }

    private void throwIfStopped() throws Throwable {
        if (control.cause() != null) {
            throw control.cause();
        }
    }

    /**
     * Joins the stage threads; once the job stops, they have {@code grace} from the stop to end. Returns what to
     * add to the error for the stages still running then, or null.
     */
    private String awaitStages(List<StageThread> threads, Duration grace) throws InterruptedException {
        for (StageThread t : threads) {
            while (t.isAlive()) {
                if (!control.stopRequested()) {
                    t.join(JOIN_STEP_MS);
                    continue;
                }
                long left = control.stopNanos() + grace.toNanos() - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                t.join(Math.max(1, Math.min(JOIN_STEP_MS, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
        List<String> late = threads.stream().filter(Thread::isAlive).map(StageThread::describeStep).distinct().toList();
        if (late.isEmpty()) {
            return null;
        }
        String within = grace.toMillis() % 1000 == 0 ? grace.toSeconds() + " s" : grace.toMillis() + " ms";
        List<String> parts = late.stream().map(s -> s + " did not stop within " + within + "; its thread is abandoned").toList();
        String message = String.join("; ", parts);
        LOG.warn(message);
        return message;
    }

    private void abortWriter(PlannedStep<Writer> writer) {
        Throwable cause = control.cause();
        try {
            writer.plugin().run(() -> writer.instance().abort(cause));
        } catch (Throwable e) {
            LOG.warn("step {}: the writer's abort failed: {}", writer.context().stepName(), masker.mask(e.toString()));
        }
    }

    private void checkPercentageLimit(JobPlan plan, Settings settings) {
        Double limit = settings.errorLimitPercentage();
        long read = plan.recordsRead();
        if (limit != null && read > 0) {
            double share = (double) dirtyRecords.count() / read;
            if (share > limit) {
                throw new ErrorLimitExceededException(String.format(java.util.Locale.ROOT,
                        "errorLimit.percentage is %s and %.4f of the records (%d of %d) were dirty; first: %s",
                        limit, share, dirtyRecords.count(), read, dirtyRecords.firstMessages()));
            }
        }
    }

    /** Every record that entered a step left it: emitted, dirty or filtered. Otherwise a plugin lost records. */
    private static void checkAccounting(JobPlan plan) {
        for (PlannedStep<Transformer> t : plan.transformers()) {
            StepMetrics m = t.context().stepMetrics();
            if (m.recordsOut() + m.dirty() + m.filtered() < m.recordsIn()) {
                throw new IllegalStateException("step " + m.stepName() + " (" + m.stepType() + ") received "
                        + m.recordsIn() + " records but emitted " + m.recordsOut() + ", reported " + m.dirty()
                        + " dirty and filtered " + m.filtered() + ": records were lost (a plugin bug)");
            }
        }
        plan.checkWritersReceivedAll("");
    }

    private JobResult result(JobPlan plan, Throwable cause, String abandoned, long start, List<Row> previewRecords) {
        List<StepMetrics> steps = new ArrayList<>();
        plan.steps().forEach(s -> steps.add(s.context().stepMetrics()));
        long read = plan.recordsRead();
        long dirty = dirtyRecords.count();
        long filtered = steps.stream().mapToLong(StepMetrics::filtered).sum();
        long written = recordsWritten(plan);
        long inFlight = cause == null ? 0
                : Math.max(0, read + JobResult.recordsCreated(steps) - written - dirty - filtered);
        if (resume != null) { // the final state: splits earlier attempts finished count too, once
            SplitCounts prior = resume.priorCounts();
            read += prior.read();
            written += prior.written();
            dirty += prior.dirty();
            filtered += prior.filtered();
        }
        JobResult.Status status = cause == null ? JobResult.Status.SUCCEEDED
                : cause instanceof JobCancelledException ? JobResult.Status.CANCELLED : JobResult.Status.FAILED;
        String message = cause == null ? null
                : masker.mask(describe(cause) + (abandoned == null ? "" : "; " + abandoned));
        return new JobResult(status, message, read, written, dirty, filtered, inFlight,
                (System.nanoTime() - start) / 1_000_000, steps, dirtyRecords.fileIfWritten(),
                plan.writer().outputSchema(), List.copyOf(previewRecords), resume == null ? null : resume.summary());
    }

    /**
     * What the writers wrote: with several writers, the fewest any of them wrote (each writer's own count is in its
     * step's metrics), so the job's count is never more than any target holds.
     */
    public static long recordsWritten(JobPlan plan) {
        long written = Long.MAX_VALUE;
        for (PlannedStep<Writer> w : plan.writers()) {
            StepMetrics m = w.context().stepMetrics();
            written = Math.min(written, Math.max(0, m.recordsOut() - m.dirty()));
        }
        return written == Long.MAX_VALUE ? 0 : written;
    }

    /** A one-line description of a failure for the user: code and message, with the cause's message. */
    static String describe(Throwable e) {
        if (e instanceof JobCancelledException || e instanceof io.vectorsync.core.resume.ResumeRefusedException) {
            return e.getMessage();
        }
        if (e instanceof PluginException pe) {
            return "[" + pe.errorCode().code() + "] " + pe.getMessage()
                    + (pe.getCause() != null && pe.getCause().getMessage() != null
                    && !pe.getMessage().contains(pe.getCause().getMessage()) ? " (cause: " + pe.getCause() + ")" : "");
        }
        return e.toString() + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : "");
    }
}
