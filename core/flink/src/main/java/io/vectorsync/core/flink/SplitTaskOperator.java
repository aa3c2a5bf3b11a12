package io.vectorsync.core.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitCodec;
import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.job.JobPlanner;
import io.vectorsync.core.job.JobSpec;
import io.vectorsync.core.plugin.PluginRegistry;
import io.vectorsync.core.runtime.DirtyRecords;
import io.vectorsync.core.runtime.JobControl;
import io.vectorsync.core.runtime.RunOptions;
import io.vectorsync.core.runtime.SplitRunner;
import io.vectorsync.core.runtime.Throttle;
import io.vectorsync.core.stats.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * One Flink subtask of a vectorsync job. It receives encoded split descriptors; at the end of its input it
 * plans the job again from the shipped JSON (plugins loaded from the shipped plugin directories, each in its own
 * class loader), decodes its splits with the reader's {@link SplitCodec}, and runs them through the local
 * engine's stream pipeline ({@link SplitRunner}), writer task index = subtask index. It emits the dirty records
 * as JSON lines (the client writes them to the job's one dirty-data file) and publishes every step's counters as
 * accumulators. Check, prepare and finish/abort of the writer are the client's.
 */
final class SplitTaskOperator extends AbstractStreamOperator<String>
        implements OneInputStreamOperator<byte[], String>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final String jobJson;
    private final String runId;
    private final PluginShipping plugins;
    private final int splitCodecVersion;
    private final int batchRecords;
    private final long batchBytes;
    private final int channelRecords;
    private final long channelBytes;
    private final long stopGraceMillis;
    private transient List<byte[]> splits;

    SplitTaskOperator(String jobJson, String runId, PluginShipping plugins, int splitCodecVersion,
                      RunOptions runOptions) {
        this.jobJson = jobJson;
        this.runId = runId;
        this.plugins = plugins;
        this.splitCodecVersion = splitCodecVersion;
        this.batchRecords = runOptions.batchRecords();
        this.batchBytes = runOptions.batchBytes();
        this.channelRecords = runOptions.channelRecords();
        this.channelBytes = runOptions.channelBytes();
        this.stopGraceMillis = runOptions.stopGrace().toMillis();
    }

    @Override
    public void processElement(StreamRecord<byte[]> element) {
        if (splits == null) {
            splits = new ArrayList<>();
        }
        splits.add(element.getValue());
    }

    @Override
    public void endInput() throws Exception {
        if (splits == null || splits.isEmpty()) {
            return; // more subtasks than splits: this one has nothing to read and opens no writer task
        }
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        try {
            runSplits(subtask);
        } catch (TaskFailedException e) {
            throw e;
        } catch (Throwable e) { // planning, plugin loading, split decoding
            throw new TaskFailedException(subtask, getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
                    Failures.describe(e), e);
        }
    }

    private void runSplits(int subtask) throws Exception {
        JobSpec job = TaskJob.fromJson(jobJson);
        SecretMasker masker = new SecretMasker(); // the planner registers the job's secrets on it
        Path dirtyFile = Files.createTempFile("vectorsync-dirty-" + subtask + "-", ".jsonl");
        JobControl control = new JobControl(runId); // the client's: writers stage output under it
        Accumulators published = null;
        ScheduledExecutorService timer = null;
        // the registry closes the class loaders of the plugins it loaded when the subtask ends (plugins with
        // native libraries stay loaded for the JVM)
        try (PluginRegistry registry = PluginRegistry.scan(plugins.localDirectories(getRuntimeContext()),
                plugins.includeClassPath());
             DirtyRecords dirty = new DirtyRecords(dirtyFile, job.settings().errorLimitRecords(), new ObjectMapper(),
                     masker);
             JobPlan plan = new JobPlanner(registry, dirty, control, masker, false).plan(job)) {
            published = new Accumulators(plan, getRuntimeContext());
            Accumulators live = published;
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vectorsync-accumulators-" + subtask);
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(live::publishCore, 1, 1, TimeUnit.SECONDS);
            SplitCodec codec = plan.reader().plugin().call(() -> plan.reader().instance().splitCodec());
            List<Split> decoded = new ArrayList<>();
            for (byte[] bytes : splits) {
                decoded.add(plan.reader().plugin().call(() -> codec.decode(splitCodecVersion, bytes)));
            }
            RunOptions options = new RunOptions(0, batchRecords, batchBytes, channelRecords, channelBytes,
                    Duration.ZERO, Duration.ofMillis(stopGraceMillis));
            try {
                SplitRunner.run(plan, decoded, subtask, 1, Throttle.of(job.settings().mbps(),
                        job.settings().recordsPerSecond()), control, options);
            } catch (Throwable e) {
                throw new TaskFailedException(subtask, getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
                        masker.mask(Failures.describe(e)), e);
            } finally {
                timer.shutdownNow();
                timer.awaitTermination(5, TimeUnit.SECONDS);
                live.publishAll();
            }
        } finally {
            if (timer != null) {
                timer.shutdownNow();
            }
            emitDirtyLines(dirtyFile);
        }
    }

    private void emitDirtyLines(Path file) throws IOException {
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                output.collect(new StreamRecord<>(line));
            }
            Files.deleteIfExists(file);
        }
    }

    /** A subtask's failure as the client shows it: which subtask, and the step's error (secrets masked). */
    static final class TaskFailedException extends Exception {
        private static final long serialVersionUID = 1L;
        static final String PREFIX = "vectorsync subtask ";

        TaskFailedException(int subtask, int parallelism, String message, Throwable cause) {
            super(PREFIX + (subtask + 1) + "/" + parallelism + " failed: " + message, cause);
        }
    }
}
