package io.vectorsync.core.testplugins;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.api.writer.WriterTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test writer "collect": keeps records in {@link #SINKS} under {@code sink}; records whose {@code rejectColumn}
 * contains "REJECT" are reported dirty, as a target refusing them would. {@link #EVENTS} logs the lifecycle
 * (prepare, open, flush, abort, close, finish, writer-abort). With {@code blockAfter} = n, the write after n records
 * counts down latch {@code <sink>-blocked} and blocks: {@code block: interruptible} until interrupted,
 * {@code uninterruptible} until latch {@code <sink>-release}, ignoring interrupts.
 */
public final class CollectWriterFactory implements WriterFactory {
    public static final Map<String, List<Row>> SINKS = new ConcurrentHashMap<>();
    public static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

    static final Option<String> SINK = Option.stringOption("sink").required().description("Sink name.").build();
    static final Option<List<String>> COLUMNS = Option.stringListOption("column").description("Columns that must exist.").build();
    static final Option<String> REJECT_COLUMN = Option.stringOption("rejectColumn").description("Column checked for REJECT.").build();
    static final Option<Secret> PASSWORD = Option.secretOption("password").description("A secret.").build();
    static final Option<String> ENDPOINT = Option.stringOption("endpoint").description("Ignored.").build();
    static final Option<Long> BLOCK_AFTER = Option.longOption("blockAfter").description("Block after n records.").build();
    static final Option<Boolean> IDEMPOTENT = Option.booleanOption("idempotent").defaultValue(false)
            .description("Declare writing a record twice harmless (for resume tests).").build();
    static final Option<String> BLOCK = Option.stringOption("block").defaultValue("interruptible")
            .description("interruptible or uninterruptible.").build();

    @Override
    public String name() {
        return "collect";
    }

    @Override
    public String description() {
        return "Collects records in memory.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().add(SINK, COLUMNS, REJECT_COLUMN, PASSWORD, ENDPOINT, BLOCK_AFTER, BLOCK, IDEMPOTENT).build();
    }

    public static List<Row> sink(String name) {
        return SINKS.computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>()));
    }

    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        String sink = config.get(SINK);
        String rejectColumn = config.get(REJECT_COLUMN);
        Long blockAfter = config.get(BLOCK_AFTER);
        boolean interruptible = !"uninterruptible".equals(config.get(BLOCK));
        java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
        List<String> events = EVENTS.computeIfAbsent(sink, n -> Collections.synchronizedList(new ArrayList<>()));
        return new Writer() {
            @Override
            public void bind(Schema input) {
                List<String> columns = config.get(COLUMNS);
                if (columns != null) {
                    for (String c : columns) {
                        if (input.indexOf(c) < 0) {
                            throw PluginException.config("column", "no field \"" + c + "\" upstream; available fields: "
                                    + input.names());
                        }
                    }
                }
            }

            @Override
            public void prepare() {
                events.add("prepare");
            }

            @Override
            public io.vectorsync.api.writer.Idempotence idempotence() {
                return config.get(IDEMPOTENT) ? io.vectorsync.api.writer.Idempotence.yes("a test sink")
                        : io.vectorsync.api.writer.Idempotence.no("set idempotent: true");
            }

            @Override
            public WriterTask openTask(int streamIndex) {
                events.add("open");
                Latches.get(sink + "-opened").countDown();
                return new WriterTask() {
                    @Override
                    public void write(List<Row> batch) throws InterruptedException {
                        if (blockAfter != null && accepted.get() >= blockAfter) {
                            Latches.get(sink + "-blocked").countDown();
                            if (interruptible) {
                                new java.util.concurrent.CountDownLatch(1).await(); // only an interrupt ends it
                            } else {
                                Latches.awaitIgnoringInterrupts(sink + "-release");
                            }
                        }
                        accepted.addAndGet(batch.size());
                        for (Row r : batch) {
                            Object v = rejectColumn == null ? null : r.get(rejectColumn);
                            if (v != null && v.toString().contains("REJECT")) {
                                context.dirtyRecords().report(r, CommonErrorCode.RECORD_REJECTED,
                                        "target refused " + v + " (auth " + (config.get(PASSWORD) == null ? "none" : config.get(PASSWORD).reveal()) + ")");
                            } else {
                                sink(sink).add(r);
                            }
                        }
                    }

                    @Override
                    public void flush() {
                        events.add("flush");
                    }

                    @Override
                    public void abort(Throwable cause) {
                        events.add("abort");
                    }

                    @Override
                    public void close() {
                        events.add("close");
                    }
                };
            }

            @Override
            public void finish() {
                events.add("finish");
            }

            @Override
            public void abort(Throwable cause) {
                events.add("writer-abort");
            }
        };
    }
}
