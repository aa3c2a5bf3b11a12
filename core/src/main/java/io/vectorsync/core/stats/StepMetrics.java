package io.vectorsync.core.stats;

import io.vectorsync.api.Metrics;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one step: the core's own (records in/out, dirty, filtered, bytes) and whatever the plugin
 * adds through {@link Metrics}. Thread-safe; LongAdders so that streams do not contend.
 */
public final class StepMetrics implements Metrics {
    private final String stepName;
    private final String stepType;
    private final String category;
    final LongAdder recordsIn = new LongAdder();
    final LongAdder recordsOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder dirty = new LongAdder();
    final LongAdder filtered = new LongAdder();
    private final Map<String, AdderCounter> counters = new ConcurrentHashMap<>();
    private final Map<String, LatencyHistogram> latencies = new ConcurrentHashMap<>();

    public StepMetrics(String stepName, String stepType, String category) {
        this.stepName = stepName;
        this.stepType = stepType;
        this.category = category;
    }

    public String stepName() {
        return stepName;
    }

    public String stepType() {
        return stepType;
    }

    public String category() {
        return category;
    }

    public void addIn(long n) {
        recordsIn.add(n);
    }

    public void addOut(long records, long bytes) {
        recordsOut.add(records);
        bytesOut.add(bytes);
    }

    public void addDirty() {
        dirty.increment();
    }

    public void addFiltered(long n) {
        filtered.add(n);
    }

    public long recordsIn() {
        return recordsIn.sum();
    }

    public long recordsOut() {
        return recordsOut.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    public long dirty() {
        return dirty.sum();
    }

    public long filtered() {
        return filtered.sum();
    }

    @Override
    public Counter counter(String name) {
        return counters.computeIfAbsent(name, n -> new AdderCounter());
    }

    @Override
    public LatencyRecorder latency(String name) {
        return latencies.computeIfAbsent(name, n -> new LatencyHistogram());
    }

    /** Plugin counters by name, sorted. */
    public Map<String, Long> pluginCounters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Per latency name: count, p50 and p99 in milliseconds. */
    public Map<String, Map<String, Object>> latencySummaries() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        latencies.forEach((k, h) -> out.put(k, h.summary()));
        return out;
    }

    private static final class AdderCounter implements Counter {
        private final LongAdder adder = new LongAdder();

        @Override
        public void add(long delta) {
            adder.add(delta);
        }

        @Override
        public long get() {
            return adder.sum();
        }
    }

    /**
     * Latencies kept in a bounded reservoir (the first 100,000 and then every n-th), enough for p50/p99 of model
     * and bulk calls, which number thousands, not millions.
     */
    static final class LatencyHistogram implements LatencyRecorder {
        private static final int CAPACITY = 100_000;
        private final long[] samples = new long[CAPACITY];
        private int size;
        private long count;

        @Override
        public synchronized void recordNanos(long nanos) {
            count++;
            if (size < CAPACITY) {
                samples[size++] = nanos;
            } else {
                samples[(int) (count % CAPACITY)] = nanos;
            }
        }

        synchronized Map<String, Object> summary() {
            long[] sorted = Arrays.copyOf(samples, size);
            Arrays.sort(sorted);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", count);
            m.put("p50Ms", size == 0 ? 0 : round(sorted[(int) Math.min(size - 1, Math.floor(size * 0.50))] / 1e6));
            m.put("p99Ms", size == 0 ? 0 : round(sorted[(int) Math.min(size - 1, Math.floor(size * 0.99))] / 1e6));
            return m;
        }

        private static double round(double v) {
            return Math.round(v * 10) / 10.0;
        }
    }
}
