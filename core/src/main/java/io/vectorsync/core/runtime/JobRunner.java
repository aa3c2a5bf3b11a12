package io.vectorsync.core.runtime;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.job.Settings;
import io.vectorsync.core.stats.ProgressReporter;
import io.vectorsync.core.stats.SecretMasker;
import io.vectorsync.core.stats.StepMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a planned job: checks the targets, prepares the writer, plans the reader's splits, runs
 * {@code speed.concurrent} {@link StreamPipeline streams} over them, finishes the writer, and checks the error
 * limits and that every record read was written, dirty or filtered.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final JobControl control;
    private final DirtyRecords dirtyRecords;
    private final SecretMasker masker;

    public JobRunner(JobControl control, DirtyRecords dirtyRecords, SecretMasker masker) {
        this.control = control;
        this.dirtyRecords = dirtyRecords;
        this.masker = masker;
    }

    public JobResult run(JobPlan plan, RunOptions options) {
        long start = System.nanoTime();
        Settings settings = plan.spec().settings();
        boolean preview = options.preview();
        List<Row> previewRecords = Collections.synchronizedList(new ArrayList<>());
        ProgressReporter progress = null;
        try {
            checkTargets(plan);
            if (!preview) {
                plan.writer().plugin().run(() -> plan.writer().instance().prepare());
            }
            int concurrent = preview ? 1 : settings.concurrent();
            List<? extends Split> splits = plan.reader().plugin().call(() -> plan.reader().instance().planSplits(concurrent));
            Queue<Split> queue = new ConcurrentLinkedQueue<>(splits);
            int streams = Math.max(1, Math.min(concurrent, splits.size()));
            LOG.info("Job {}: {} split(s), {} stream(s)", plan.spec().name(), splits.size(), streams);
            StreamPipeline.JobContextView view = new StreamPipeline.JobContextView(plan.reader(), plan.transformers(),
                    plan.writer(), queue, preview ? Throttle.of(0, 0) : Throttle.of(settings.mbps(), settings.recordsPerSecond()),
                    control, options, preview ? previewRecords::addAll : null,
                    preview ? new AtomicLong(options.previewLimit()) : null);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                threads.addAll(new StreamPipeline(i, view).threads());
            }
            if (!preview && !options.progressInterval().isZero()) {
                progress = new ProgressReporter(plan, estimatedTotal(splits), options.progressInterval(), dirtyRecords);
                progress.start();
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            if (control.failure() != null) {
                throw control.failure();
            }
            if (!preview) {
                plan.writer().plugin().run(() -> plan.writer().instance().finish());
                checkPercentageLimit(plan, settings);
                checkAccounting(plan);
            }
            return result(plan, null, start, previewRecords);
        } catch (Throwable e) {
            control.fail(e);
            return result(plan, e, start, previewRecords);
        } finally {
            if (progress != null) {
                progress.stop();
            }
        }
    }

    private static void checkTargets(JobPlan plan) throws Exception {
        plan.reader().plugin().run(() -> plan.reader().instance().check());
        for (PlannedStep<Transformer> t : plan.transformers()) {
            t.plugin().run(() -> t.instance().check());
        }
        plan.writer().plugin().run(() -> plan.writer().instance().check());
    }

    private static long estimatedTotal(List<? extends Split> splits) {
        long total = 0;
        for (Split s : splits) {
            if (s.estimatedRecords() < 0) {
                return -1;
            }
            total += s.estimatedRecords();
        }
        return total;
    }

    private void checkPercentageLimit(JobPlan plan, Settings settings) {
        Double limit = settings.errorLimitPercentage();
        long read = plan.reader().context().stepMetrics().recordsOut() + plan.reader().context().stepMetrics().dirty();
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
        StepMetrics w = plan.writer().context().stepMetrics();
        long upstream = plan.transformers().isEmpty() ? plan.reader().context().stepMetrics().recordsOut()
                : plan.transformers().get(plan.transformers().size() - 1).context().stepMetrics().recordsOut();
        if (w.recordsIn() != upstream) {
            throw new IllegalStateException("the writer received " + w.recordsIn() + " records but " + upstream
                    + " were sent to it");
        }
    }

    private JobResult result(JobPlan plan, Throwable error, long start, List<Row> previewRecords) {
        List<StepMetrics> steps = new ArrayList<>();
        plan.steps().forEach(s -> steps.add(s.context().stepMetrics()));
        StepMetrics reader = plan.reader().context().stepMetrics();
        StepMetrics writer = plan.writer().context().stepMetrics();
        long filtered = steps.stream().mapToLong(StepMetrics::filtered).sum();
        long written = Math.max(0, writer.recordsIn() - writer.dirty());
        String message = error == null ? null : masker.mask(describe(error));
        return new JobResult(error == null, message, reader.recordsOut(), written,
                dirtyRecords.count(), filtered, (System.nanoTime() - start) / 1_000_000, steps,
                dirtyRecords.fileIfWritten(), plan.writer().outputSchema(), List.copyOf(previewRecords));
    }

    /** A one-line description of a failure for the user: code and message, with the cause's message. */
    static String describe(Throwable e) {
        if (e instanceof PluginException pe) {
            return "[" + pe.errorCode().code() + "] " + pe.getMessage()
                    + (pe.getCause() != null && pe.getCause().getMessage() != null
                    && !pe.getMessage().contains(pe.getCause().getMessage()) ? " (cause: " + pe.getCause() + ")" : "");
        }
        return e.toString() + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : "");
    }
}
