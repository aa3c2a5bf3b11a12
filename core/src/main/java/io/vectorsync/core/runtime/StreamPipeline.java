package io.vectorsync.core.runtime;

import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.plugin.LoadedPlugin;
import io.vectorsync.core.runtime.BoundedChannel.Batch;
import io.vectorsync.core.stats.StepMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream of a job: a reader stage taking splits from the shared queue, a transformer stage running every
 * transformer over each batch, and a writer stage, connected by bounded channels and each on its own thread, so
 * a model call, a bulk write and the next read overlap.
 *
 * <p>How a stage ends: normally, it closes its downstream channel (end of input). On a failure, the failure is
 * recorded in {@link JobControl} first (which stops every stage of every stream and interrupts their threads), and
 * only then are its channels aborted and its resources released. A writer task is flushed only when its input
 * ended and the job has not stopped; otherwise it gets {@code abort(cause)}, then {@code close()}.
 */
final class StreamPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPipeline.class);

    private final int index;
    private final JobContextView job;
    private final BoundedChannel afterReader;
    private final BoundedChannel afterTransformers;
    private StageThread transformStage;

    /** What all streams of a job share. */
    record JobContextView(PlannedStep<Reader> reader, List<PlannedStep<Transformer>> transformers,
                          PlannedStep<Writer> writer, Queue<Split> splits, Throttle throttle, JobControl control,
                          RunOptions options, PreviewSink preview, AtomicLong previewRemaining) {
    }

    StreamPipeline(int index, JobContextView job) {
        this.index = index;
        this.job = job;
        RunOptions o = job.options();
        this.afterReader = new BoundedChannel(o.channelRecords(), o.channelBytes(), job.control());
        this.afterTransformers = job.transformers().isEmpty() ? afterReader
                : new BoundedChannel(o.channelRecords(), o.channelBytes(), job.control());
    }

    /** The stage threads, not started. */
    List<StageThread> threads() {
        List<StageThread> threads = new ArrayList<>();
        threads.add(stage("read", job.reader(), this::readAll, null, afterReader));
        if (!job.transformers().isEmpty()) {
            transformStage = stage("transform", job.transformers().get(0), this::transformAll, afterReader,
                    afterTransformers);
            threads.add(transformStage);
        }
        threads.add(stage("write", job.writer(), job.preview() != null ? this::collectPreview : this::writeAll,
                afterTransformers, null));
        return threads;
    }

    private StageThread stage(String stage, PlannedStep<?> step, ThrowingRunnable body, BoundedChannel upstream,
                              BoundedChannel downstream) {
        return new StageThread("stream-" + index + "-" + stage, step, () -> {
            try {
                body.run();
                if (downstream != null) {
                    downstream.close(); // end of input: only ever after a normal return
                }
            } catch (Throwable e) {
                recordFailure(e); // first, so nobody downstream can take the abort for an end of input
                if (upstream != null) {
                    upstream.abort();
                }
                if (downstream != null) {
                    downstream.abort();
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    /** The job's cause, unless {@code e} is the stop itself unwinding. A no-op once the job has a cause. */
    private void recordFailure(Throwable e) {
        if (!(e instanceof JobStoppedException && job.control().stopRequested())) {
            job.control().fail(e);
        }
    }

    private void readAll() throws Exception {
        PlannedStep<Reader> reader = job.reader();
        BatchingOutput out = new BatchingOutput(afterReader, job.options(), job.throttle(), job.control(), reader,
                job.previewRemaining());
        try {
            Split split;
            while (!out.limitReached() && (split = nextSplit()) != null) {
                readSplit(reader, split, out);
            }
            out.flush();
        } catch (Throwable e) {
            recordFailure(e);
            out.countPendingAsRead(); // read, never sent: in flight
            throw e;
        }
    }

    private Split nextSplit() {
        if (job.control().stopRequested()) {
            throw new JobStoppedException();
        }
        return job.splits().poll();
    }

    private void readSplit(PlannedStep<Reader> reader, Split split, BatchingOutput out) throws Exception {
        SplitReader splitReader = reader.plugin().call(() -> reader.instance().open(split));
        try {
            PollStatus status;
            do {
                status = reader.plugin().call(() -> splitReader.poll(out));
                if (job.control().stopRequested()) {
                    throw new JobStoppedException();
                }
                if (status == PollStatus.WAIT) {
                    Thread.sleep(10); // interruptible: the job's stop ends it
                }
            } while (status != PollStatus.END && !out.limitReached());
        } catch (Throwable e) {
            recordFailure(e); // before the split reader is closed
            closeQuietly(reader.plugin(), splitReader, reader);
            throw e;
        }
        reader.plugin().run(splitReader::close);
    }

    private void transformAll() throws Exception {
        Batch batch;
        while ((batch = afterReader.take()) != null) {
            List<Row> records = batch.records();
            for (PlannedStep<Transformer> t : job.transformers()) {
                transformStage.enter(t);
                records = transform(t, records);
                if (records.isEmpty()) {
                    break;
                }
            }
            if (!records.isEmpty()) {
                long bytes = 0;
                for (Row r : records) {
                    bytes += r.sizeInBytes();
                }
                afterTransformers.put(new Batch(records, bytes));
            }
        }
    }

    private static List<Row> transform(PlannedStep<Transformer> step, List<Row> input) throws Exception {
        List<Row> emitted = new ArrayList<>(input.size());
        long[] filtered = new long[1];
        TransformOutput output = new TransformOutput() {
            @Override
            public void emit(Row record) {
                emitted.add(record);
            }

            @Override
            public void filter(Row in) {
                filtered[0]++;
            }
        };
        step.context().stepMetrics().addIn(input.size());
        step.plugin().run(() -> step.instance().transform(input, output));
        long bytes = 0;
        for (Row r : emitted) {
            bytes += r.sizeInBytes();
        }
        step.context().stepMetrics().addOut(emitted.size(), bytes);
        step.context().stepMetrics().addFiltered(filtered[0]);
        return emitted;
    }

    private void writeAll() throws Exception {
        PlannedStep<Writer> writer = job.writer();
        StepMetrics metrics = writer.context().stepMetrics();
        WriterTask task = writer.plugin().call(() -> writer.instance().openTask(index));
        try {
            Batch batch;
            while ((batch = afterTransformers.take()) != null) {
                List<Row> records = batch.records();
                metrics.addIn(records.size());
                writer.plugin().run(() -> task.write(records));
                metrics.addOut(records.size(), batch.bytes()); // accepted: write returned
            }
            if (job.control().stopRequested()) {
                throw new JobStoppedException(); // another stream failed or the job was cancelled: never flush
            }
            writer.plugin().run(task::flush);
        } catch (Throwable e) {
            recordFailure(e); // before the task is aborted
            withoutInterrupt(() -> {
                try {
                    writer.plugin().run(() -> task.abort(job.control().cause()));
                } catch (Throwable abortFailure) {
                    LOG.warn("step {}: aborting the writer task of stream {} failed: {}",
                            writer.context().stepName(), index, abortFailure.toString());
                }
            });
            closeQuietly(writer.plugin(), task, writer);
            throw e;
        }
        writer.plugin().run(task::close);
    }

    private void collectPreview() throws Exception {
        Batch batch;
        while ((batch = afterTransformers.take()) != null) {
            job.preview().accept(batch.records());
        }
    }

    /** Closes a plugin resource of a stopping stage: failures are logged, the original failure stays the cause. */
    private void closeQuietly(LoadedPlugin plugin, AutoCloseable resource, PlannedStep<?> step) {
        withoutInterrupt(() -> {
            try {
                plugin.run(resource::close);
            } catch (Throwable e) {
                LOG.warn("step {}: closing after the job stopped failed: {}", step.context().stepName(), e.toString());
            }
        });
    }

    /**
     * Runs cleanup with the thread's interrupt status cleared (the job's stop interrupted it; an interrupted thread
     * cannot close a file channel), then restores it.
     */
    private static void withoutInterrupt(Runnable cleanup) {
        boolean interrupted = Thread.interrupted();
        try {
            cleanup.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Gathers the records a preview shows. */
    interface PreviewSink extends Consumer<List<Row>> {
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
