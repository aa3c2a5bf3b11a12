package io.vectorsync.core.runtime;

import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.record.Row;
import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.runtime.BoundedChannel.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reader's output: cuts records into batches by count and bytes, applies the throttle, counts, and in preview
 * mode stops after the limit. The stop signal is checked per batch (in the throttle and the channel), never per
 * record: {@link #emit} is the engine's hot path.
 */
final class BatchingOutput implements RecordOutput {
    private final BoundedChannel channel;
    private final int maxRecords;
    private final long maxBytes;
    private final Throttle throttle;
    private final JobControl control;
    private final PlannedStep<Reader> reader;
    private final AtomicLong previewRemaining;
    private List<Row> batch;
    private long bytes;
    private boolean limitReached;
    private long emitted; // records taken into batches, for the end-of-split marker of a resumable run

    BatchingOutput(BoundedChannel channel, RunOptions options, Throttle throttle, JobControl control,
                   PlannedStep<Reader> reader, AtomicLong previewRemaining) {
        this.channel = channel;
        this.maxRecords = options.batchRecords();
        this.maxBytes = options.batchBytes();
        this.throttle = throttle;
        this.control = control;
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
        emitted++;
        bytes += record.sizeInBytes();
        if (batch.size() >= maxRecords || bytes >= maxBytes) {
            send();
        }
    }

    long emitted() {
        return emitted;
    }

    boolean limitReached() {
        return limitReached;
    }

    void flush() {
        if (!batch.isEmpty()) {
            send();
        }
    }

    /** The job stopped: the records of the unsent batch were read all the same; count them (they are in flight). */
    void countPendingAsRead() {
        if (!batch.isEmpty()) {
            reader.context().stepMetrics().addOut(batch.size(), bytes);
            batch = new ArrayList<>(maxRecords);
            bytes = 0;
        }
    }

    private void send() {
        List<Row> full = batch;
        long fullBytes = bytes;
        batch = new ArrayList<>(maxRecords);
        bytes = 0;
        reader.context().stepMetrics().addOut(full.size(), fullBytes);
        try {
            if (throttle.isActive()) {
                throttle.acquire(full.size(), fullBytes, control);
            }
            channel.put(new Batch(full, fullBytes));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // emit cannot throw it; the stage sees the stop below or the flag
            if (control.stopRequested()) {
                throw new JobStoppedException();
            }
            throw new IllegalStateException("the reader's thread was interrupted while the job was running", e);
        }
    }
}
