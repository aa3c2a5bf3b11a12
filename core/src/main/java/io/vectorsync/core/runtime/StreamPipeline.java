package io.vectorsync.core.runtime;

import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.plugin.LoadedPlugin;
import io.vectorsync.core.resume.ResumeSession;
import io.vectorsync.core.resume.SplitCounts;
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
 * transformer over each batch, and a writer stage per writer, connected by bounded channels and each on its own
 * thread, so a model call, a bulk write and the next read overlap. With several writers the transformer stage (a
 * plain fan-out stage when there is no transformer) puts every batch into each writer's channel: each writer gets
 * every record, and the slowest one sets the pace.
 *
 * <p>How a stage ends: normally, it closes its downstream channel (end of input). On a failure, the failure is
 * recorded in {@link JobControl} first (which stops every stage of every stream and interrupts their threads), and
 * only then are its channels aborted and its resources released. A writer task is flushed only when its input
 * ended and the job has not stopped; otherwise it gets {@code abort(cause)}, then {@code close()}.
 *
 * <p>In a run with {@code --resume} (a {@link ResumeSession}), the reader stage puts an end-of-split marker
 * ({@link SplitEnd}) behind each split's last batch; the transformer stage passes it on with the split's counts; the
 * writer stage, on reaching it, flushes its task and only then journals the split done.
 */
final class StreamPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPipeline.class);

    private final int index;
    private final JobContextView job;
    private final BoundedChannel afterReader;
    /** One channel per writer (one in a preview, which writes nothing); the reader's own when nothing is between. */
    private final List<BoundedChannel> toWriters = new ArrayList<>();
    private final boolean fanOut;
    private StageThread transformStage;

    /** What all streams of a job share. */
    record JobContextView(PlannedStep<Reader> reader, List<PlannedStep<Transformer>> transformers,
                          List<PlannedStep<Writer>> writers, Queue<Split> splits, Throttle throttle, JobControl control,
                          RunOptions options, PreviewSink preview, AtomicLong previewRemaining,
                          ResumeSession resume, SplitTally tally) {
        JobContextView(PlannedStep<Reader> reader, List<PlannedStep<Transformer>> transformers,
                       List<PlannedStep<Writer>> writers, Queue<Split> splits, Throttle throttle, JobControl control,
                       RunOptions options, PreviewSink preview, AtomicLong previewRemaining) {
            this(reader, transformers, writers, splits, throttle, control, options, preview, previewRemaining, null,
                    null);
        }
    }

    StreamPipeline(int index, JobContextView job) {
        this.index = index;
        this.job = job;
        RunOptions o = job.options();
        this.afterReader = new BoundedChannel(o.channelRecords(), o.channelBytes(), job.control());
        int outputs = job.preview() != null ? 1 : job.writers().size();
        this.fanOut = !job.transformers().isEmpty() || outputs > 1;
        for (int i = 0; i < outputs; i++) {
            toWriters.add(fanOut ? new BoundedChannel(o.channelRecords(), o.channelBytes(), job.control()) : afterReader);
        }
    }

    /** The stage threads, not started. */
    List<StageThread> threads() {
        List<StageThread> threads = new ArrayList<>();
        threads.add(stage("read", job.reader(), this::readAll, null, List.of(afterReader)));
        if (fanOut) {
            PlannedStep<?> first = job.transformers().isEmpty() ? job.writers().get(0) : job.transformers().get(0);
            transformStage = stage("transform", first, this::transformAll, afterReader, toWriters);
            threads.add(transformStage);
        }
        if (job.preview() != null) {
            threads.add(stage("write", job.writers().get(0), this::collectPreview, toWriters.get(0), List.of()));
            return threads;
        }
        for (int w = 0; w < job.writers().size(); w++) {
            PlannedStep<Writer> writer = job.writers().get(w);
            BoundedChannel input = toWriters.get(w);
            threads.add(stage("write" + (job.writers().size() > 1 ? "-" + w : ""), writer,
                    () -> writeAll(writer, input), input, List.of()));
        }
        return threads;
    }

    private StageThread stage(String stage, PlannedStep<?> step, ThrowingRunnable body, BoundedChannel upstream,
                              List<BoundedChannel> downstream) {
        return new StageThread("stream-" + index + "-" + stage, step, () -> {
            try {
                body.run();
                downstream.forEach(BoundedChannel::close); // end of input: only ever after a normal return
            } catch (Throwable e) {
                recordFailure(e); // first, so nobody downstream can take the abort for an end of input
                if (upstream != null) {
                    upstream.abort();
                }
                downstream.forEach(BoundedChannel::abort);
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
                long emittedBefore = out.emitted();
                readSplit(reader, split, out);
                if (job.resume() != null) {
                    endSplit(split, out, out.emitted() - emittedBefore);
                }
            }
            out.flush();
        } catch (Throwable e) {
            recordFailure(e);
            out.countPendingAsRead(); // read, never sent: in flight
            throw e;
        }
    }

    /** Resumable runs: the split's last records go out, then its end-of-split marker behind them. */
    private void endSplit(Split split, BatchingOutput out, long emitted) throws InterruptedException {
        out.flush();
        long readerDirty = job.tally().takeReaderDirty(job.reader().context().stepMetrics());
        afterReader.put(Batch.endOf(new SplitEnd(split, emitted + readerDirty, readerDirty, 0)));
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
        long splitDirty = 0;
        long splitFiltered = 0;
        long[] filtered = new long[1];
        while ((batch = afterReader.take()) != null) {
            if (batch.splitEnd() != null) { // what the transformers made of the split travels with its marker
                Batch marker = Batch.endOf(batch.splitEnd().plus(splitDirty, splitFiltered));
                for (BoundedChannel channel : toWriters) {
                    channel.put(marker);
                }
                splitDirty = 0;
                splitFiltered = 0;
                continue;
            }
            List<Row> records = batch.records();
            for (PlannedStep<Transformer> t : job.transformers()) {
                transformStage.enter(t);
                int in = records.size();
                records = transform(t, records, filtered);
                splitFiltered += filtered[0];
                splitDirty += Math.max(0, in - records.size() - filtered[0]); // neither emitted nor filtered
                if (records.isEmpty()) {
                    break;
                }
            }
            if (!records.isEmpty()) {
                long bytes = 0;
                for (Row r : records) {
                    bytes += r.sizeInBytes();
                }
                // several writers share the batch: an unmodifiable list of (immutable) rows
                Batch out = new Batch(toWriters.size() > 1 ? List.copyOf(records) : records, bytes);
                for (BoundedChannel channel : toWriters) {
                    channel.put(out);
                }
            }
        }
    }

    /** Runs one transformer over a batch; {@code filtered[0]} is set to the records it filtered out. */
    private static List<Row> transform(PlannedStep<Transformer> step, List<Row> input, long[] filtered)
            throws Exception {
        CollectingOutput output = new CollectingOutput(input.size());
        step.context().stepMetrics().addIn(input.size());
        step.plugin().run(() -> step.instance().transform(input, output));
        List<Row> emitted = output.emitted();
        filtered[0] = output.filtered();
        long bytes = 0;
        for (Row r : emitted) {
            bytes += r.sizeInBytes();
        }
        step.context().stepMetrics().addOut(emitted.size(), bytes);
        step.context().stepMetrics().addFiltered(filtered[0]);
        return emitted;
    }

    private void writeAll(PlannedStep<Writer> writer, BoundedChannel input) throws Exception {
        StepMetrics metrics = writer.context().stepMetrics();
        WriterTask task = writer.plugin().call(() -> writer.instance().openTask(index));
        try {
            Batch batch;
            long splitRecords = 0;
            while ((batch = input.take()) != null) {
                if (batch.splitEnd() != null) {
                    splitDone(writer, task, batch.splitEnd(), splitRecords);
                    splitRecords = 0;
                    continue;
                }
                List<Row> records = batch.records();
                splitRecords += records.size();
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

    /**
     * The end-of-split barrier reached the writer: every record of the split was handed to the task. Flush it
     * (the writer acknowledges them durably); once every writer of the job has, journal the split done.
     */
    private void splitDone(PlannedStep<Writer> writer, WriterTask task, SplitEnd end, long records) throws Exception {
        writer.plugin().run(task::flush);
        if (job.control().stopRequested()) {
            throw new JobStoppedException(); // a flush cut short by the stop acknowledged nothing
        }
        long writerDirty = job.tally().takeWriterDirty(writer.context().stepMetrics());
        SplitCounts counts = job.tally().writerFlushed(end, job.writers().size(), Math.max(0, records - writerDirty),
                writerDirty);
        if (counts != null) { // every writer has flushed the split
            job.resume().splitDone(end.split(), counts);
        }
    }

    private void collectPreview() throws Exception {
        Batch batch;
        while ((batch = toWriters.get(0).take()) != null) {
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
