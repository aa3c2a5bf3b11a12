package io.vectorsync.testkit;

import io.vectorsync.api.AbstractPluginContext;
import io.vectorsync.api.Metrics;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.ModelRegistry;
import io.vectorsync.api.record.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-memory {@link PluginContext}: counters you can read back, dirty records collected in a list (with an
 * optional limit), and a model registry filled by the test. One context stands for one run ({@link #runShared}).
 */
public final class TestPluginContext extends AbstractPluginContext {
    private final TestMetrics metrics;
    private final List<DirtyRecord> dirty = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, EmbeddingModelFactory> models = new LinkedHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<Object, Object> runShared = new java.util.concurrent.ConcurrentHashMap<>();
    private long dirtyLimit = Long.MAX_VALUE;
    private boolean preview;

    public TestPluginContext(String stepName) {
        this(stepName, 1);
    }

    public TestPluginContext(String stepName, int concurrency) {
        this(stepName, concurrency, new TestMetrics());
    }

    private TestPluginContext(String stepName, int concurrency, TestMetrics metrics) {
        super(stepName, concurrency, metrics);
        this.metrics = metrics;
    }

    /** Makes {@link #dirtyRecords()} throw once more than {@code limit} records were reported. */
    public TestPluginContext dirtyLimit(long limit) {
        this.dirtyLimit = limit;
        return this;
    }

    public TestPluginContext preview(boolean preview) {
        this.preview = preview;
        return this;
    }

    /** Makes {@code factory} available through {@link #models()} under its name. */
    public TestPluginContext withModel(EmbeddingModelFactory factory) {
        models.put(factory.name(), factory);
        return this;
    }

    public void requestStop() {
        stop.set(true);
    }

    /** The dirty records reported so far. */
    public List<DirtyRecord> dirty() {
        synchronized (dirty) {
            return List.copyOf(dirty);
        }
    }

    public long counter(String name) {
        return metrics.counter(name).get();
    }

    public TestMetrics testMetrics() {
        return metrics;
    }

    @Override
    protected void dirty(Row record, String raw, ErrorCode code, String message) {
        DirtyRecord d = new DirtyRecord(record, raw, code, message);
        dirty.add(d);
        if (dirty.size() > dirtyLimit) {
            throw new PluginException(io.vectorsync.api.error.ErrorCode.of("ERROR_LIMIT_EXCEEDED",
                    io.vectorsync.api.error.ErrorCategory.DATA, false),
                    "error limit " + dirtyLimit + " exceeded by " + d);
        }
    }

    @Override
    public boolean stopRequested() {
        return stop.get();
    }

    @Override
    public boolean preview() {
        return preview;
    }

    /** One context is one run: what its users share lives as long as the context (nothing is closed). */
    @Override
    public <T> T runShared(Object key, Class<T> type, java.util.function.Supplier<? extends T> create) {
        return type.cast(runShared.computeIfAbsent(key, k -> create.get()));
    }

    @Override
    public ModelRegistry models() {
        TestPluginContext self = this;
        return new ModelRegistry() {
            @Override
            public Map<String, String> sparseProviders() {
                Map<String, String> out = new java.util.TreeMap<>();
                models.forEach((name, f) -> {
                    if (f.sparseOutput() != null) {
                        out.put(name, f.sparseOutput());
                    }
                });
                return out;
            }

            @Override
            public EmbeddingModel open(String provider, Map<String, Object> parameters) {
                return self.open(provider, parameters);
            }
        };
    }

    /** Creates a registered provider's model from the parameters it declares, as the core does. */
    private EmbeddingModel open(String provider, Map<String, Object> parameters) {
        EmbeddingModelFactory f = models.get(provider);
        if (f == null) {
            throw new PluginException(CommonErrorCode.CONFIG_INVALID, "\"modelProvider\": unknown provider \""
                    + provider + "\"; the test registered " + models.keySet());
        }
        // the same selection, validation and binding as the core's model registry
        return f.create(f.configSpec().bindDeclared(stepName(), "model provider " + provider, parameters), this);
    }

    /** A record reported dirty, with the raw input for records that never became one. */
    public record DirtyRecord(Row record, String raw, ErrorCode code, String message) {
    }

    /** Counters and latencies kept in memory. */
    public static final class TestMetrics implements Metrics {
        private final Map<String, TestCounter> counters = new ConcurrentHashMap<>();
        private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();

        @Override
        public Counter counter(String name) {
            return counters.computeIfAbsent(name, n -> new TestCounter());
        }

        @Override
        public LatencyRecorder latency(String name) {
            List<Long> list = latencies.computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>()));
            return list::add;
        }

        public List<Long> latencies(String name) {
            List<Long> list = latencies.getOrDefault(name, List.of());
            synchronized (list) {
                return List.copyOf(list);
            }
        }
    }

    private static final class TestCounter implements Metrics.Counter {
        private final AtomicLong value = new AtomicLong();

        @Override
        public void add(long delta) {
            value.addAndGet(delta);
        }

        @Override
        public long get() {
            return value.get();
        }
    }
}
