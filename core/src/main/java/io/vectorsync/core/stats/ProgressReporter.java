package io.vectorsync.core.stats;

import io.vectorsync.api.Metrics;
import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.runtime.DirtyRecords;
import io.vectorsync.core.runtime.JobRunner;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a progress line every few seconds: records read and written with their rates, MB/s, model calls,
 * cache hit rate, tokens, dirty records and, when the reader knows its total, an ETA.
 */
public final class ProgressReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final JobPlan plan;
    private final long estimatedTotal;
    private final Duration interval;
    private final LongSupplier dirty;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private long lastRead;

    public ProgressReporter(JobPlan plan, long estimatedTotal, Duration interval, DirtyRecords dirty) {
        this(plan, estimatedTotal, interval, dirty::count);
    }

    /**
     * A reporter whose dirty count comes from {@code dirty}: for an engine whose dirty records are counted
     * elsewhere while the job runs (the Flink engine's subtasks report theirs through accumulators).
     */
    public ProgressReporter(JobPlan plan, long estimatedTotal, Duration interval, LongSupplier dirty) {
        this.plan = plan;
        this.estimatedTotal = estimatedTotal;
        this.interval = interval;
        this.dirty = dirty;
    }

    public void start() {
        timer.scheduleAtFixedRate(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        timer.shutdownNow();
    }

    private void report() {
        try {
            LOG.info(line());
        } catch (RuntimeException e) {
            LOG.debug("progress line failed", e);
        }
    }

    /** The current progress line. */
    public String line() {
        long now = System.nanoTime();
        StepMetrics reader = plan.reader().context().stepMetrics();
        long read = reader.recordsOut() + reader.dirty();
        double elapsed = (now - startNanos) / 1e9;
        double window = Math.max(1e-3, (now - lastNanos) / 1e9);
        double rate = (read - lastRead) / window;
        lastNanos = now;
        lastRead = read;
        StringBuilder sb = new StringBuilder();
        // "to writer": accepted by the writer's write(); it may still be buffered, it is on disk only at the end
        sb.append(String.format(Locale.ROOT, "read %,d (%,.0f rec/s, %.1f MB/s) | to writer %,d | dirty %,d",
                read, rate, reader.bytesOut() / 1048576.0 / Math.max(elapsed, 1e-3),
                JobRunner.recordsWritten(plan), dirty.getAsLong()));
        long calls = 0;
        long hits = 0;
        long misses = 0;
        long tokens = 0;
        for (StepMetricsView m : views()) {
            calls += m.counter(Metrics.MODEL_CALLS);
            hits += m.counter(Metrics.CACHE_HITS);
            misses += m.counter(Metrics.CACHE_MISSES);
            tokens += m.counter(Metrics.TOKENS);
        }
        if (calls > 0 || hits > 0) {
            sb.append(String.format(Locale.ROOT, " | model calls %,d, cache hits %.0f%%, tokens %,d", calls,
                    hits + misses == 0 ? 0.0 : 100.0 * hits / (hits + misses), tokens));
        }
        if (estimatedTotal > 0 && read > 0) {
            double overall = read / Math.max(elapsed, 1e-3);
            long left = Math.max(0, estimatedTotal - read);
            sb.append(String.format(Locale.ROOT, " | %.0f%% ETA %ds", 100.0 * read / estimatedTotal, Math.round(left / overall)));
        }
        return sb.toString();
    }

    private List<StepMetricsView> views() {
        return plan.steps().stream().map(s -> new StepMetricsView(s.context().stepMetrics())).toList();
    }

    private record StepMetricsView(StepMetrics metrics) {
        long counter(String name) {
            Long v = metrics.pluginCounters().get(name);
            return v == null ? 0 : v;
        }
    }
}
