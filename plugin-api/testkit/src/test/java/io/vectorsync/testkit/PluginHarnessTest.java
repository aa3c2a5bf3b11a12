package io.vectorsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.ReaderFactory;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitCodec;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PluginHarnessTest {
    static final Option<Integer> COUNT = Option.intOption("count").required().check(n -> n >= 0, "must be 0 or more")
            .build();
    static final Schema SCHEMA = Schema.builder().field("n", DataType.INT64).build();

    /** Counts 0..count-1, cut into ranges of 10; counts the readers created, to see a second one is used. */
    static final class CountingFactory implements ReaderFactory {
        final AtomicInteger created = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public ConfigSpec configSpec() {
            return ConfigSpec.builder().add(COUNT).build();
        }

        @Override
        public Reader create(PluginConfig config, PluginContext context) {
            int reader = created.incrementAndGet();
            int count = config.get(COUNT);
            return new Reader() {
                @Override
                public Schema schema() {
                    return SCHEMA;
                }

                @Override
                public List<Range> planSplits(int parallelism) {
                    List<Range> out = new ArrayList<>();
                    for (int s = 0; s < count; s += 10) {
                        out.add(new Range(s, Math.min(count, s + 10), reader));
                    }
                    return out;
                }

                @Override
                public SplitCodec splitCodec() {
                    return SplitCodec.of(1, Range.class, (r, out) -> {
                        out.writeInt(r.from());
                        out.writeInt(r.to());
                    }, in -> new Range(in.readInt(), in.readInt(), reader));
                }

                @Override
                public SplitReader open(Split split) {
                    Range r = (Range) split;
                    return new SplitReader() {
                        int next = r.from();

                        @Override
                        public PollStatus poll(io.vectorsync.api.reader.RecordOutput output) {
                            if (next < r.to()) {
                                output.emit(Row.of(SCHEMA, (long) next++));
                            }
                            return next < r.to() ? PollStatus.MORE : PollStatus.END;
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
            };
        }
    }

    /** A range; {@code plannedBy} says which reader made or decoded it and is not encoded. */
    record Range(int from, int to, int plannedBy) implements Split {
        @Override
        public String id() {
            return from + "-" + to;
        }
    }

    @Test
    void readPlansAndReadsEverySplitInOrder() throws Exception {
        var r = PluginHarness.read(new CountingFactory(), Map.of("count", 25), 2);
        assertEquals(3, r.splits().size());
        assertEquals(25, r.records().size());
        assertEquals(24L, r.records().get(24).get(0));
    }

    @Test
    void readThroughCodecReadsDecodedSplitsInASecondReader() throws Exception {
        CountingFactory factory = new CountingFactory();
        var r = PluginHarness.readThroughCodec(factory, Map.of("count", 25), 2);
        assertEquals(2, factory.created.get());
        assertEquals(List.of(2, 2, 2), r.splits().stream().map(s -> ((Range) s).plannedBy()).toList());
        assertEquals(25, r.records().size());
    }

    @Test
    void bindFailsWithEveryIssue() {
        var e = assertThrows(PluginHarness.InvalidConfigException.class,
                () -> PluginHarness.bind(new CountingFactory(), Map.of("count", -1, "cuont", 1)));
        assertEquals(2, e.issues().size());
        assertTrue(e.getMessage().contains("did you mean \"count\""), e.getMessage());
    }

    @Test
    void contextCollectsDirtyRecordsUpToItsLimitAndCarriesTheStopSignal() {
        TestPluginContext ctx = new TestPluginContext("step").dirtyLimit(1);
        ctx.dirtyRecords().reportRaw("line 1", CommonErrorCode.MALFORMED_RECORD, "bad");
        assertEquals("line 1", ctx.dirty().get(0).raw());
        PluginException e = assertThrows(PluginException.class,
                () -> ctx.dirtyRecords().report(null, CommonErrorCode.CONVERSION_FAILED, "worse"));
        assertEquals("ERROR_LIMIT_EXCEEDED", e.errorCode().code());
        ctx.metrics().counter("retries").increment();
        assertEquals(1, ctx.counter("retries"));
        assertTrue(!ctx.stopRequested());
        ctx.requestStop();
        assertTrue(ctx.stopRequested());
    }
}
