package io.vectorsync.core.testplugins;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.ReaderFactory;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Test reader "gen": {@code count} records {id, text} over {@code splits} splits; text is "row-<id>", except every
 * {@code markEvery}-th record, whose text is {@code mark}. Every {@code rawDirtyEvery}-th input is reported as an
 * unreadable raw line instead of emitted; the poll that reaches record {@code failAt} fails.
 */
public final class GenReaderFactory implements ReaderFactory {
    static final Option<Long> COUNT = Option.longOption("count").required().description("Records in total.").build();
    static final Option<Integer> SPLITS = Option.intOption("splits").defaultValue(1).check(n -> n > 0, "must be positive")
            .description("Splits.").build();
    static final Option<Integer> MARK_EVERY = Option.intOption("markEvery").defaultValue(0).description("Mark every n-th.").build();
    static final Option<String> MARK = Option.stringOption("mark").defaultValue("BAD").description("The mark.").build();
    static final Option<String> ENDPOINT = Option.stringOption("endpoint").description("Ignored; for datasource tests.").build();
    static final Option<io.vectorsync.api.config.Secret> ACCESS_KEY = Option.secretOption("accessKey")
            .description("Ignored; for secret tests.").build();
    static final Option<Boolean> FAIL_CHECK = Option.booleanOption("failCheck").defaultValue(false)
            .description("check() fails.").build();

    static final Option<Integer> RAW_DIRTY_EVERY = Option.intOption("rawDirtyEvery").defaultValue(0)
            .description("Report every n-th input as unreadable.").build();
    static final Option<Long> FAIL_AT = Option.longOption("failAt").description("Fail at this record.").build();

    /** When set (>= 0), the next read of this record fails once, as a crash would, then the hook clears itself. */
    public static final java.util.concurrent.atomic.AtomicLong CRASH_ONCE_AT = new java.util.concurrent.atomic.AtomicLong(-1);

    static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING).build();

    @Override
    public String name() {
        return "gen";
    }

    @Override
    public String description() {
        return "Generates test records.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().add(COUNT, SPLITS, MARK_EVERY, MARK, ENDPOINT, ACCESS_KEY, FAIL_CHECK, RAW_DIRTY_EVERY, FAIL_AT).build();
    }

    @Override
    public Reader create(PluginConfig config, PluginContext context) {
        long count = config.get(COUNT);
        int splits = config.get(SPLITS);
        int markEvery = config.get(MARK_EVERY);
        String mark = config.get(MARK);
        boolean failCheck = config.get(FAIL_CHECK);
        int rawDirtyEvery = config.get(RAW_DIRTY_EVERY);
        Long failAt = config.get(FAIL_AT);
        return new Reader() {
            @Override
            public Schema schema() {
                return SCHEMA;
            }

            @Override
            public void check() {
                if (failCheck) {
                    throw new PluginException(CommonErrorCode.EXTERNAL_FAILED, "source refused the connection (key "
                            + config.get(ACCESS_KEY).reveal() + ")");
                }
            }

            @Override
            public List<? extends Split> planSplits(int suggestedParallelism) {
                List<Range> ranges = new ArrayList<>();
                long per = (count + splits - 1) / splits;
                for (long from = 0; from < count; from += per) {
                    ranges.add(new Range(from, Math.min(count, from + per)));
                }
                return ranges;
            }

            @Override
            public io.vectorsync.api.reader.SplitCodec splitCodec() {
                return io.vectorsync.api.reader.SplitCodec.of(1, Range.class, (r, out) -> {
                    out.writeLong(r.from);
                    out.writeLong(r.to);
                }, in -> new Range(in.readLong(), in.readLong()));
            }

            @Override
            public SplitReader open(Split split) {
                Range range = (Range) split;
                return new SplitReader() {
                    long next = range.from;

                    @Override
                    public PollStatus poll(RecordOutput output) {
                        long end = Math.min(range.to, next + 100);
                        for (; next < end; next++) {
                            if (CRASH_ONCE_AT.compareAndSet(next, -1)) {
                                throw new IllegalStateException("simulated crash at record " + next);
                            }
                            if (failAt != null && next == failAt) {
                                throw new PluginException(CommonErrorCode.EXTERNAL_FAILED, "the source went away at " + next);
                            }
                            if (rawDirtyEvery > 0 && (next + 1) % rawDirtyEvery == 0) {
                                context.dirtyRecords().reportRaw("garbage " + next, CommonErrorCode.CONVERSION_FAILED,
                                        "line " + next + " is not a record");
                                continue;
                            }
                            boolean marked = markEvery > 0 && (next + 1) % markEvery == 0;
                            output.emit(Row.of(SCHEMA, next, marked ? mark : "row-" + next));
                        }
                        return next < range.to ? PollStatus.MORE : PollStatus.END;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    record Range(long from, long to) implements Split {
        @Override
        public String id() {
            return from + "-" + to;
        }

        @Override
        public long estimatedRecords() {
            return to - from;
        }
    }
}
