package io.vectorsync.reader.stream;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Row;

/**
 * Emits the same immutable record {@code remaining} times, {@value #CHUNK} per poll. No allocation and no metrics
 * calls per record: this is the hot path of the throughput benchmark.
 */
final class StreamSplitReader implements SplitReader {
    static final int CHUNK = 4096;

    private final Row record;
    private final PluginContext context;
    private long remaining;

    StreamSplitReader(Row record, long records, PluginContext context) {
        this.record = record;
        this.remaining = records;
        this.context = context;
    }

    @Override
    public PollStatus poll(RecordOutput output) {
        if (remaining <= 0 || context.stopRequested()) {
            remaining = 0;
            return PollStatus.END;
        }
        int n = (int) Math.min(remaining, CHUNK);
        Row r = record;
        for (int i = 0; i < n; i++) {
            output.emit(r);
        }
        remaining -= n;
        return remaining > 0 ? PollStatus.MORE : PollStatus.END;
    }

    @Override
    public void close() {
        remaining = 0;
    }
}
