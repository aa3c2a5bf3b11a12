package io.vectorsync.core.runtime;

import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.runtime.BoundedChannel.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * One stream of a job: a reader stage taking splits from the shared queue, a transformer stage running every
 * transformer over each batch, and a writer stage, connected by bounded channels and each on its own thread, so
 * a model call, a bulk write and the next read overlap. Any failure is handed to {@link JobControl}, which stops
 * every stage of every stream.
 */
final class StreamPipeline {
    private final int index;
    private final JobContextView job;
    private final BoundedChannel afterReader;
    private final BoundedChannel afterTransformers;

    /** What all streams of a job share. */
    record JobContextView(PlannedStep<Reader> reader, List<PlannedStep<Transformer>> transformers,
                          PlannedStep<Writer> writer, Queue<Split> splits, Throttle throttle, JobControl control,
                          RunOptions options, PreviewSink preview,
                          java.util.concurrent.atomic.AtomicLong previewRemaining) {
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
    List<Thread> threads() {
        List<Thread> threads = new ArrayList<>();
        threads.add(thread("read", this::readAll));
        if (!job.transformers().isEmpty()) {
            threads.add(thread("transform", this::transformAll));
        }
        threads.add(thread("write", job.preview() != null ? this::collectPreview : this::writeAll));
        return threads;
    }

    private Thread thread(String stage, ThrowingRunnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                job.control().fail(e);
            }
        }, "stream-" + index + "-" + stage);
        t.setDaemon(true);
        return t;
    }

    private void readAll() throws Exception {
        PlannedStep<Reader> reader = job.reader();
        BatchingOutput out = new BatchingOutput(afterReader, job.options(), job.throttle(), reader,
                job.previewRemaining());
        try {
            Split split;
            while (!job.control().stopRequested() && !out.limitReached() && (split = job.splits().poll()) != null) {
                Split current = split;
                SplitReader splitReader = reader.plugin().call(() -> reader.instance().open(current));
                try {
                    PollStatus status;
                    do {
                        status = reader.plugin().call(() -> splitReader.poll(out));
                        if (status == PollStatus.WAIT) {
                            Thread.sleep(10);
                        }
                    } while (status != PollStatus.END && !job.control().stopRequested() && !out.limitReached());
                } finally {
                    reader.plugin().run(splitReader::close);
                }
            }
            out.flush();
        } finally {
            afterReader.close();
        }
    }

    private void transformAll() throws Exception {
        try {
            Batch batch;
            while ((batch = afterReader.take()) != null) {
                List<Row> records = batch.records();
                for (PlannedStep<Transformer> t : job.transformers()) {
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
        } finally {
            afterTransformers.close();
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
        WriterTask task = writer.plugin().call(() -> writer.instance().openTask(index));
        boolean ok = false;
        try {
            Batch batch;
            while ((batch = afterTransformers.take()) != null) {
                List<Row> records = batch.records();
                writer.context().stepMetrics().addIn(records.size());
                writer.plugin().run(() -> task.write(records));
            }
            if (!job.control().stopRequested()) {
                writer.plugin().run(task::flush);
                ok = true;
            }
        } finally {
            try {
                writer.plugin().run(task::close);
            } catch (Exception e) {
                if (ok) {
                    throw e;
                }
            }
        }
    }

    private void collectPreview() throws Exception {
        Batch batch;
        while ((batch = afterTransformers.take()) != null) {
            job.preview().accept(batch.records());
        }
    }

    /** Gathers the records a preview shows. */
    interface PreviewSink extends Consumer<List<Row>> {
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * The reader's output: cuts records into batches by count and bytes, applies the throttle, counts, and
     * in preview mode stops after the limit.
     */
    static final class BatchingOutput implements RecordOutput {
        private final BoundedChannel channel;
        private final int maxRecords;
        private final long maxBytes;
        private final Throttle throttle;
        private final PlannedStep<Reader> reader;
        private final java.util.concurrent.atomic.AtomicLong previewRemaining;
        private List<Row> batch;
        private long bytes;
        private boolean limitReached;

        BatchingOutput(BoundedChannel channel, RunOptions options, Throttle throttle, PlannedStep<Reader> reader,
                       java.util.concurrent.atomic.AtomicLong previewRemaining) {
            this.channel = channel;
            this.maxRecords = options.batchRecords();
            this.maxBytes = options.batchBytes();
            this.throttle = throttle;
            this.reader = reader;
            this.previewRemaining = previewRemaining;
            this.batch = new ArrayList<>(maxRecords);
        }

        @Override
        public void emit(Row record) {
            if (limitReached) {
                return;
            }
            if (previewRemaining != null && previewRemaining.getAndDecrement() <= 0) {
                limitReached = true;
                return;
            }
            batch.add(record);
            bytes += record.sizeInBytes();
            if (batch.size() >= maxRecords || bytes >= maxBytes) {
                send();
            }
        }

        boolean limitReached() {
            return limitReached;
        }

        void flush() throws InterruptedException {
            if (!batch.isEmpty()) {
                send();
            }
        }

        private void send() {
            List<Row> full = batch;
            long fullBytes = bytes;
            batch = new ArrayList<>(maxRecords);
            bytes = 0;
            if (throttle.isActive()) {
                throttle.acquire(full.size(), fullBytes);
            }
            reader.context().stepMetrics().addOut(full.size(), fullBytes);
            try {
                if (!channel.put(new Batch(full, fullBytes))) {
                    throw new StoppedException();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoppedException();
            }
        }
    }

    /** Thrown inside a reader's poll when the job is stopping, to unwind it quickly. */
    static final class StoppedException extends RuntimeException {
        StoppedException() {
            super("the job is stopping", null, false, false);
        }
    }
}
