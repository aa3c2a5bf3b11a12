package io.vectorsync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.model.EmbeddingModelFactory;
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
import org.junit.jupiter.api.Test;

/** The suites fail on plugins that break the contract: they are not tests that cannot fail. */
class ContractsCatchBrokenPluginsTest {
    private static final Schema SCHEMA = Schema.builder().field("n", DataType.INT64).build();

    /** Ten rows 0..9; with {@code overlap}, the splits of a plan all read every row (a planning bug). */
    record Part(int index, int of) implements Split {
        @Override
        public String id() {
            return "part " + index + "/" + of;
        }
    }

    static ReaderFactory tenRows(boolean overlap) {
        return new ReaderFactory() {
            @Override
            public String name() {
                return "ten";
            }

            @Override
            public String description() {
                return "rows 0..9";
            }

            @Override
            public ConfigSpec configSpec() {
                return ConfigSpec.builder().build();
            }

            @Override
            public Reader create(PluginConfig config, PluginContext context) {
                return new Reader() {
                    @Override
                    public Schema schema() {
                        return SCHEMA;
                    }

                    @Override
                    public List<Part> planSplits(int n) {
                        List<Part> parts = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            parts.add(new Part(i, n));
                        }
                        return parts;
                    }

                    @Override
                    public SplitCodec splitCodec() {
                        return SplitCodec.of(1, Part.class, (p, out) -> {
                            out.writeInt(p.index());
                            out.writeInt(p.of());
                        }, in -> new Part(in.readInt(), in.readInt()));
                    }

                    @Override
                    public SplitReader open(Split split) {
                        Part p = (Part) split;
                        return new SplitReader() {
                            @Override
                            public PollStatus poll(io.vectorsync.api.reader.RecordOutput out) {
                                for (long n = 0; n < 10; n++) {
                                    if (overlap || n % p.of() == p.index()) {
                                        out.emit(Row.of(SCHEMA, n));
                                    }
                                }
                                return PollStatus.END;
                            }

                            @Override
                            public void close() {
                            }
                        };
                    }
                };
            }
        };
    }

    /** Private: JUnit must not pick it up as a test class of its own. */
    private static final class TenRows extends ReaderContract {
        private final boolean overlap;

        TenRows(boolean overlap) {
            this.overlap = overlap;
        }

        @Override
        protected ReaderFactory factory() {
            return tenRows(overlap);
        }

        @Override
        protected Map<String, Object> params() {
            return Map.of();
        }

        @Override
        protected List<Row> expectedRows(int parallelism) {
            List<Row> rows = new ArrayList<>();
            for (long n = 0; n < 10; n++) {
                rows.add(Row.of(SCHEMA, n));
            }
            return rows;
        }
    }

    @Test
    void aReaderWhoseSplitsCoverTheInputPasses() throws Exception {
        TenRows good = new TenRows(false);
        good.splitsCoverTheInputExactlyOnceForEveryParallelism();
        good.splitsSurviveTheirCodec();
        good.differentSplitsCanBeOpenedConcurrently();
    }

    @Test
    void aReaderWhoseSplitsOverlapFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> new TenRows(true).splitsCoverTheInputExactlyOnceForEveryParallelism());
        assertTrue(e.getMessage().contains("records read with parallelism 2"), e.getMessage());
    }

    @Test
    void aModelThatAnswersOutOfOrderFails() {
        EmbeddingModelContract broken = new EmbeddingModelContract() {
            @Override
            protected EmbeddingModelFactory factory() {
                return new HashingModelFactory(true);
            }

            @Override
            protected Map<String, Object> params() {
                return Map.of();
            }
        };
        AssertionError e = assertThrows(AssertionError.class, broken::vectorsFollowTheOrderOfTheTexts);
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
    }
}
