package io.vectorsync.testkit;

import io.vectorsync.api.PluginFactory;
import io.vectorsync.api.config.ConfigIssue;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.ReaderFactory;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitCodec;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.transform.TransformerFactory;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.api.writer.WriterTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one plugin in-process the way the core does, without the core: validate and bind the parameters, then
 * plan and read every split, or transform batches, or write batches. For plugin unit tests; end-to-end jobs are
 * tested through the core.
 */
public final class PluginHarness {
    private PluginHarness() {
    }

    /** Validates and binds {@code params}; fails with every issue when invalid. */
    public static PluginConfig bind(PluginFactory factory, Map<String, Object> params) {
        List<ConfigIssue> issues = validate(factory, params);
        if (!issues.isEmpty()) {
            throw new InvalidConfigException(issues);
        }
        return factory.configSpec().bind(factory.name(), params);
    }

    public static List<ConfigIssue> validate(PluginFactory factory, Map<String, Object> params) {
        return factory.configSpec().validate(params);
    }

    /** What a reader produced. */
    public record ReadResult(Schema schema, List<? extends Split> splits, List<Row> records, TestPluginContext context) {
    }

    /** Plans splits with {@code parallelism} and reads them all, in order. */
    public static ReadResult read(ReaderFactory factory, Map<String, Object> params, int parallelism) throws Exception {
        return read(factory, params, new TestPluginContext(factory.name(), parallelism));
    }

    public static ReadResult read(ReaderFactory factory, Map<String, Object> params, TestPluginContext ctx)
            throws Exception {
        PluginConfig config = bind(factory, params);
        try (Reader reader = factory.create(config, ctx)) {
            Schema schema = reader.schema();
            reader.check();
            List<? extends Split> splits = reader.planSplits(ctx.concurrency());
            List<Row> records = new ArrayList<>();
            for (Split split : splits) {
                records.addAll(readSplit(reader, split));
            }
            return new ReadResult(schema, splits, records, ctx);
        }
    }

    /**
     * Plans splits in one reader, encodes each with its {@link Reader#splitCodec()}, and reads the decoded splits
     * with a second reader created from the same parameters, as a resumed run or a cluster worker would. The
     * result holds the decoded splits.
     */
    public static ReadResult readThroughCodec(ReaderFactory factory, Map<String, Object> params, int parallelism)
            throws Exception {
        PluginConfig config = bind(factory, params);
        List<Integer> versions = new ArrayList<>();
        List<byte[]> encoded = new ArrayList<>();
        TestPluginContext planning = new TestPluginContext(factory.name(), parallelism);
        try (Reader planner = factory.create(config, planning)) {
            planner.schema();
            planner.check();
            SplitCodec codec = planner.splitCodec();
            for (Split split : planner.planSplits(parallelism)) {
                versions.add(codec.version());
                encoded.add(codec.encode(split));
            }
        }
        TestPluginContext ctx = new TestPluginContext(factory.name(), parallelism);
        try (Reader reader = factory.create(config, ctx)) {
            Schema schema = reader.schema();
            SplitCodec codec = reader.splitCodec();
            List<Split> splits = new ArrayList<>();
            List<Row> records = new ArrayList<>();
            for (int i = 0; i < encoded.size(); i++) {
                Split split = codec.decode(versions.get(i), encoded.get(i));
                splits.add(split);
                records.addAll(readSplit(reader, split));
            }
            return new ReadResult(schema, splits, records, ctx);
        }
    }

    /** Opens {@code split} in {@code reader} and polls it to the end; checks every row has the reader's schema. */
    public static List<Row> readSplit(Reader reader, Split split) throws Exception {
        Schema schema = reader.schema();
        List<Row> records = new ArrayList<>();
        try (SplitReader sr = reader.open(split)) {
            PollStatus status;
            do {
                status = sr.poll(r -> {
                    if (!r.schema().equals(schema)) {
                        throw new AssertionError("record schema " + r.schema() + " differs from the planned " + schema);
                    }
                    records.add(r);
                });
            } while (status != PollStatus.END);
        }
        return records;
    }

    /** What a transformer produced. */
    public record TransformResult(Schema schema, List<Row> records, List<Row> filtered, TestPluginContext context) {
    }

    /** Plans the transformer on {@code input} and runs {@code records} through it in batches of {@code batchSize}. */
    public static TransformResult transform(TransformerFactory factory, Map<String, Object> params, Schema input,
                                            List<Row> records, int batchSize, TestPluginContext ctx) throws Exception {
        PluginConfig config = bind(factory, params);
        try (Transformer t = factory.create(config, ctx)) {
            Schema out = t.outputSchema(input);
            List<Row> emitted = new ArrayList<>();
            List<Row> filtered = new ArrayList<>();
            TransformOutput output = new TransformOutput() {
                @Override
                public void emit(Row record) {
                    if (!record.schema().equals(out)) {
                        throw new AssertionError("emitted schema " + record.schema() + " differs from the planned " + out);
                    }
                    emitted.add(record);
                }

                @Override
                public void filter(Row in) {
                    filtered.add(in);
                }
            };
            for (int i = 0; i < records.size(); i += batchSize) {
                t.transform(records.subList(i, Math.min(records.size(), i + batchSize)), output);
            }
            return new TransformResult(out, emitted, filtered, ctx);
        }
    }

    /** Runs a writer's whole lifecycle over {@code records} with one task, in batches of {@code batchSize}. */
    public static TestPluginContext write(WriterFactory factory, Map<String, Object> params, Schema schema,
                                          List<Row> records, int batchSize, TestPluginContext ctx) throws Exception {
        PluginConfig config = bind(factory, params);
        try (Writer w = factory.create(config, ctx)) {
            w.bind(schema);
            w.check();
            w.prepare();
            try (WriterTask task = w.openTask(0)) {
                for (int i = 0; i < records.size(); i += batchSize) {
                    task.write(List.copyOf(records.subList(i, Math.min(records.size(), i + batchSize))));
                }
                task.flush();
            }
            w.finish();
        }
        return ctx;
    }

    /** Thrown by {@link #bind} with every issue found. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        private final List<ConfigIssue> issues;

        public InvalidConfigException(List<ConfigIssue> issues) {
            super("invalid parameters: " + issues);
            this.issues = List.copyOf(issues);
        }

        public List<ConfigIssue> issues() {
            return issues;
        }
    }
}
