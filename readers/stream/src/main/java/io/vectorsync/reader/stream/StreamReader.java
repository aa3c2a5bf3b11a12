package io.vectorsync.reader.stream;

import io.vectorsync.api.reader.SplitCodec;
import static java.util.Objects.requireNonNull;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Schema;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code stream} reader. As in DataX, there is one slice per stream: {@code planSplits(n)} returns {@code n}
 * slices of {@code sliceRecordCount} records each. The record is built once, when the reader is created (so a bad
 * value fails {@code validate}), and emitted again and again; its values are constant, so sharing it is exact.
 */
final class StreamReader implements Reader {
    private final PluginContext context;
    private final StreamColumns columns;
    private final long sliceRecordCount;

    StreamReader(PluginConfig config, PluginContext context) {
        requireNonNull(config, "config is null");
        this.context = requireNonNull(context, "context is null");
        this.columns = StreamColumns.parse(context.stepName(), config.get(StreamReaderOptions.COLUMN),
                ZoneId.systemDefault());
        this.sliceRecordCount = config.get(StreamReaderOptions.SLICE_RECORD_COUNT);
    }

    @Override
    public Schema schema() {
        return columns.schema();
    }

    @Override
    public SplitCodec splitCodec() {
        return SplitCodec.of(1, StreamSplit.class, (s, out) -> {
            out.writeInt(s.index());
            out.writeLong(s.records());
        }, in -> new StreamSplit(in.readInt(), in.readLong()));
    }

    @Override
    public List<StreamSplit> planSplits(int suggestedParallelism) {
        int n = Math.max(1, suggestedParallelism);
        List<StreamSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            splits.add(new StreamSplit(i, sliceRecordCount));
        }
        return splits;
    }

    @Override
    public SplitReader open(Split split) {
        if (!(split instanceof StreamSplit s)) {
            throw new IllegalArgumentException("not a stream slice: " + split);
        }
        return new StreamSplitReader(columns.record(), s.records(), context);
    }
}
