package io.vectorsync.core.flink;

import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitCodec;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.core.Engine;
import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.job.JobPlanner;
import io.vectorsync.core.job.JobSpec;
import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.runtime.DirtyRecords;
import io.vectorsync.core.runtime.JobCancelledException;
import io.vectorsync.core.runtime.JobControl;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.JobRunner;
import io.vectorsync.core.stats.ProgressReporter;
import io.vectorsync.core.stats.SecretMasker;
import io.vectorsync.core.stats.StepMetrics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a vectorsync job as a Flink job. The client (this class) plans the job, checks every step, prepares the
 * writer and plans the reader's splits; the Flink job hands the encoded splits to {@code parallelism} subtasks
 * ({@link SplitTaskOperator}), each running its splits through the local engine's stream pipeline; the client
 * then finishes the writer, or aborts it when the Flink job failed, and reports like the local engine.
 */
public final class FlinkEngine {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkEngine.class);

    private final Engine engine;
    private final FlinkTarget target;

    public FlinkEngine(Engine engine, FlinkTarget target) {
        this.engine = engine;
        this.target = target;
    }

    public JobResult run(Path jobFile) {
        return run(jobFile, new JobControl());
    }

    /** Runs the job; {@code control} cancels it (SIGINT/SIGTERM): the Flink job is cancelled, the writer aborted. */
    public JobResult run(Path jobFile, JobControl control) {
        JobSpec spec = engine.parse(jobFile);
        SecretMasker masker = engine.masker();
        Path dirtyFile = engine.dirtyFile(spec);
        long start = System.nanoTime();
        try (DirtyRecords clientDirty = new DirtyRecords(dirtyFile, spec.settings().errorLimitRecords(),
                engine.mapper(), masker);
             JobPlan plan = new JobPlanner(engine.plugins(), clientDirty, control, masker, false).plan(spec)) {
            DirtyLines taskDirty = new DirtyLines(dirtyFile);
            Throwable error = null;
            try {
                runOnFlink(spec, plan, control, clientDirty, taskDirty);
            } catch (Throwable e) {
                control.fail(e); // a no-op when the job was cancelled first: the cancellation is the cause
                error = control.cause();
            } finally {
                taskDirty.close();
            }
            return result(plan, error, start, clientDirty, taskDirty);
        } catch (IOException e) {
            throw new IllegalStateException("cannot close the dirty-data file: " + e.getMessage(), e);
        }
    }

    private void runOnFlink(JobSpec spec, JobPlan plan, JobControl control, DirtyRecords clientDirty,
                            DirtyLines taskDirty)
            throws Throwable {
        plan.checkTargets();
        List<PlannedStep<Writer>> prepared = new ArrayList<>();
        int finishing = 0;
        try {
            for (PlannedStep<Writer> w : plan.writers()) {
                prepared.add(w);
                w.plugin().run(() -> w.instance().prepare());
            }
            int concurrent = spec.settings().concurrent();
            List<? extends Split> splits = plan.reader().plugin().call(() -> plan.reader().instance().planSplits(concurrent));
            SplitCodec codec = plan.reader().plugin().call(() -> plan.reader().instance().splitCodec());
            List<byte[]> encoded = new ArrayList<>();
            for (Split s : splits) {
                encoded.add(plan.reader().plugin().call(() -> codec.encode(s)));
            }
            int parallelism = Math.max(1, Math.min(concurrent, splits.size()));
            LOG.info("Job {}: {} split(s) on {} Flink subtask(s) ({})", spec.name(), splits.size(), parallelism, target);
            if (!encoded.isEmpty()) {
                runFlinkJob(spec, plan, control, encoded, codec.version(), parallelism,
                        JobPlan.estimatedRecords(splits), clientDirty, taskDirty);
            }
            long dirty = clientDirty.count() + taskDirty.count();
            Long limit = spec.settings().errorLimitRecords();
            if (limit != null && dirty > limit) {
                throw new IllegalStateException("errorLimit.record is " + limit + " and " + dirty
                        + " records were dirty over all subtasks; all in " + taskDirty.file());
            }
            checkPercentageLimit(plan, spec, dirty);
            plan.checkWritersReceivedAll(" (summed over the Flink subtasks)");
            if (control.cause() != null) {
                throw control.cause(); // cancelled while the job ended
            }
            for (PlannedStep<Writer> w : plan.writers()) {
                finishing++;
                w.plugin().run(() -> w.instance().finish());
            }
        } catch (Throwable e) {
            // abort what was prepared and not finished (a writer whose finish failed is aborted too)
            for (PlannedStep<Writer> w : prepared.subList(Math.max(0, Math.min(finishing, prepared.size()) - 1),
                    prepared.size())) {
                abortQuietly(w, e);
            }
            throw e;
        }
    }

    private void runFlinkJob(JobSpec spec, JobPlan plan, JobControl control, List<byte[]> splits, int codecVersion,
                             int parallelism, long estimatedTotal, DirtyRecords clientDirty, DirtyLines taskDirty)
            throws Throwable {
        StreamExecutionEnvironment env = target.environment(parallelism);
        PluginShipping plugins = target.plugins(env, plan, engine.plugins());
        JobSpec taskJob = TaskJob.forSubtask(spec, parallelism, target.jvmShare(parallelism));
        SplitTaskOperator operator = new SplitTaskOperator(TaskJob.toJson(taskJob), control.runId(), plugins, codecVersion,
                engine.runOptions());
        DataStream<String> dirtyLines = env.fromData(splits, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .setParallelism(1)
                .rebalance()
                .transform("vectorsync " + spec.name(), Types.STRING, operator)
                .setParallelism(parallelism);
        CloseableIterator<String> lines = dirtyLines.collectAsync();
        JobClient client = env.executeAsync("vectorsync " + spec.name());
        Map<String, Long> seen = new HashMap<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flink-accumulators");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            if (control.stopRequested()) {
                client.cancel(); // SIGINT/SIGTERM: the client's abort follows when the job has ended
            }
            try {
                Map<String, Object> now = client.getAccumulators().get(5, TimeUnit.SECONDS);
                synchronized (seen) {
                    Accumulators.applyTo(plan, now, seen);
                }
            } catch (Exception e) {
                LOG.debug("cannot read the Flink job's accumulators", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        ProgressReporter progress = null;
        if (!engine.runOptions().progressInterval().isZero()) {
            progress = new ProgressReporter(plan, estimatedTotal, engine.runOptions().progressInterval(),
                    () -> liveDirtyCount(plan, clientDirty, taskDirty));
            progress.start();
        }
        try {
            try (lines) {
                while (lines.hasNext()) {
                    taskDirty.write(lines.next());
                }
            } catch (RuntimeException e) {
                LOG.debug("collecting dirty records ended: {}", e.toString()); // the job's result says why
            }
            JobExecutionResult result;
            try {
                result = client.getJobExecutionResult().get();
            } catch (ExecutionException e) {
                if (control.cause() != null) {
                    throw control.cause(); // cancelled: say so, not what Flink's cancellation looks like
                }
                throw new FlinkJobFailedException(masker().mask(Failures.ofFlinkJob(e)), e.getCause());
            }
            poller.shutdownNow();
            poller.awaitTermination(5, TimeUnit.SECONDS);
            synchronized (seen) {
                Accumulators.applyTo(plan, result.getAllAccumulatorResults(), seen);
            }
        } finally {
            poller.shutdownNow();
            if (progress != null) {
                progress.stop();
            }
        }
    }

    /**
     * The dirty count while the Flink job runs: the subtasks' dirty lines reach the client only at their end, but
     * their step counters (each dirty record counts once at its step) arrive every second as accumulators.
     */
    static long liveDirtyCount(JobPlan plan, DirtyRecords clientDirty, DirtyLines taskDirty) {
        long counted = 0;
        for (PlannedStep<?> step : plan.steps()) {
            counted += step.context().stepMetrics().dirty();
        }
        return Math.max(counted, clientDirty.count() + taskDirty.count());
    }

    private SecretMasker masker() {
        return engine.masker();
    }

    private void abortQuietly(PlannedStep<Writer> writer, Throwable cause) {
        try {
            writer.plugin().run(() -> writer.instance().abort(cause));
        } catch (Exception e) {
            LOG.warn("step {}: the writer's abort failed: {}", writer.spec().name(), masker().mask(e.toString()));
        }
    }

    private static void checkPercentageLimit(JobPlan plan, JobSpec spec, long dirty) {
        Double limit = spec.settings().errorLimitPercentage();
        long read = plan.recordsRead();
        if (limit != null && read > 0 && (double) dirty / read > limit) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT, "errorLimit.percentage is %s and "
                    + "%.4f of the records (%d of %d) were dirty", limit, (double) dirty / read, dirty, read));
        }
    }

    private JobResult result(JobPlan plan, Throwable error, long start, DirtyRecords clientDirty, DirtyLines taskDirty) {
        List<StepMetrics> steps = new ArrayList<>();
        plan.steps().forEach(s -> steps.add(s.context().stepMetrics()));
        long filtered = steps.stream().mapToLong(StepMetrics::filtered).sum();
        long written = JobRunner.recordsWritten(plan);
        long read = plan.recordsRead();
        long dirty = clientDirty.count() + taskDirty.count();
        long inFlight = error == null ? 0
                : Math.max(0, read + JobResult.recordsCreated(steps) - written - dirty - filtered);
        JobResult.Status status = error == null ? JobResult.Status.SUCCEEDED
                : error instanceof JobCancelledException ? JobResult.Status.CANCELLED : JobResult.Status.FAILED;
        String message = error == null ? null : masker().mask(error instanceof FlinkJobFailedException
                || error instanceof JobCancelledException ? error.getMessage() : Failures.describe(error));
        Path dirtyFile = taskDirty.count() > 0 ? taskDirty.file() : clientDirty.fileIfWritten();
        return new JobResult(status, message, read, written, dirty, filtered, inFlight,
                (System.nanoTime() - start) / 1_000_000, steps, dirtyFile, plan.writer().outputSchema(), List.of());
    }

    /** The Flink job ended FAILED (or was cancelled); the message names the subtask and the step's error. */
    static final class FlinkJobFailedException extends Exception {
        FlinkJobFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The dirty records the subtasks emitted, appended to the job's one dirty-data file. */
    static final class DirtyLines implements AutoCloseable {
        private final Path file;
        private BufferedWriter out;
        private volatile long count; // read by the progress line's thread

        DirtyLines(Path file) {
            this.file = file;
        }

        void write(String line) throws IOException {
            if (out == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
            out.write(line);
            out.newLine();
            count++;
        }

        long count() {
            return count;
        }

        Path file() {
            return file;
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }
}
