package io.vectorsync.core.estimate;

import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.core.Engine;
import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.job.JobPlanner;
import io.vectorsync.core.job.JobSpec;
import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.runtime.CollectingOutput;
import io.vectorsync.core.runtime.DirtyRecords;
import io.vectorsync.core.runtime.JobControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code vectorsync estimate}: reads the job's input and runs it through the job's own transformers, so texts are
 * composed exactly as a run composes them, but with models that count texts and tokens instead of calling the
 * service ({@link io.vectorsync.api.model.ModelRegistry#estimating()}); nothing is written. The embedding steps'
 * metrics give the figures: {@code texts}, {@code persistentCacheHits} and {@code cacheMisses} (distinct texts),
 * {@code modelCalls}, {@code tokens}, {@code costMicro<CURRENCY>} and {@code estimatedMillis}.
 */
public final class Estimator {
    private static final int BATCH = 1024;
    private final Engine engine;

    public Estimator(Engine engine) {
        this.engine = engine;
    }

    /** Estimates the job; with {@code sample} > 0 only that many records are transformed, the rest only counted. */
    public JobEstimate estimate(Path jobFile, long sample) throws Exception {
        JobSpec spec = engine.parse(jobFile);
        Path dirtyFile = Files.createTempFile("vectorsync-estimate-dirty", ".jsonl");
        JobControl control = new JobControl();
        long records = 0;
        long sampled = 0;
        List<PlannedStep<Transformer>> transformers;
        Counts counts;
        try (DirtyRecords dirty = new DirtyRecords(dirtyFile, null, engine.mapper(), engine.masker())) {
            JobPlan plan = new JobPlanner(engine.plugins(), dirty, control, engine.masker(), true).estimating().plan(spec);
            try {
                transformers = plan.transformers();
                PlannedStep<?> reader = plan.reader();
                List<Row> batch = new ArrayList<>();
                RecordOutput out = batch::add;
                for (Split split : plan.reader().plugin().call(() -> plan.reader().instance().planSplits(1))) {
                    SplitReader splitReader = reader.plugin().call(() -> plan.reader().instance().open(split));
                    try {
                        PollStatus status;
                        do {
                            status = reader.plugin().call(() -> splitReader.poll(out));
                            if (batch.size() >= BATCH || status == PollStatus.END) {
                                records += batch.size();
                                long room = sample > 0 ? Math.max(0, sample - sampled) : batch.size();
                                List<Row> take = batch.subList(0, (int) Math.min(room, batch.size()));
                                sampled += take.size();
                                transformAll(transformers, new ArrayList<>(take));
                                batch.clear();
                            } else if (status == PollStatus.WAIT) {
                                Thread.sleep(10);
                            }
                        } while (status != PollStatus.END);
                    } finally {
                        reader.plugin().run(splitReader::close);
                    }
                }
            } finally {
                plan.close(); // the embedding steps add their estimated duration when they close
            }
            counts = Counts.of(transformers);
        } finally {
            Files.deleteIfExists(dirtyFile);
        }
        double scale = sampled == 0 || sampled >= records ? 1.0 : records / (double) sampled;
        Double cost = counts.costMicros < 0 ? null : counts.costMicros / 1e6 * scale;
        Double seconds = counts.estimatedMillis <= 0 ? null : counts.estimatedMillis / 1000.0 * scale;
        return new JobEstimate(records, sampled, scaled(counts.texts, scale), scaled(counts.distinct, scale),
                scaled(counts.cached, scale), scaled(counts.tokens, scale), scaled(counts.calls, scale), cost,
                counts.currency, seconds);
    }

    private static long scaled(long n, double scale) {
        return Math.round(n * scale);
    }

    private static void transformAll(List<PlannedStep<Transformer>> steps, List<Row> records) throws Exception {
        for (PlannedStep<Transformer> step : steps) {
            if (records.isEmpty()) {
                return;
            }
            List<Row> input = records;
            CollectingOutput output = new CollectingOutput(input.size());
            step.plugin().run(() -> step.instance().transform(input, output));
            records = output.emitted();
        }
    }

    /** The embedding steps' counters, summed. */
    private record Counts(long texts, long distinct, long cached, long tokens, long calls, long costMicros,
                          String currency, long estimatedMillis) {
        static Counts of(List<PlannedStep<Transformer>> steps) {
            long texts = 0;
            long distinct = 0;
            long cached = 0;
            long tokens = 0;
            long calls = 0;
            long cost = -1;
            String currency = null;
            long millis = 0;
            for (PlannedStep<Transformer> s : steps) {
                Map<String, Long> c = s.context().stepMetrics().pluginCounters();
                if (!c.containsKey("texts")) {
                    continue; // not an embedding step
                }
                texts += c.getOrDefault("texts", 0L);
                cached += c.getOrDefault("persistentCacheHits", 0L);
                distinct += c.getOrDefault("persistentCacheHits", 0L) + c.getOrDefault("cacheMisses", 0L);
                tokens += c.getOrDefault("tokens", 0L);
                calls += c.getOrDefault("modelCalls", 0L);
                millis = Math.max(millis, c.getOrDefault("estimatedMillis", 0L));
                for (Map.Entry<String, Long> e : c.entrySet()) {
                    if (e.getKey().startsWith("costMicro")) {
                        cost = Math.max(0, cost) + e.getValue();
                        currency = e.getKey().substring("costMicro".length());
                    }
                }
            }
            return new Counts(texts, distinct, cached, tokens, calls, cost, currency, millis);
        }
    }

    /** Writes the estimate as JSON. */
    public void writeReport(Path file, String jobName, JobEstimate estimate) throws IOException {
        Map<String, Object> report = new java.util.LinkedHashMap<>();
        report.put("job", jobName);
        report.putAll(estimate.toReport());
        engine.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
    }
}
