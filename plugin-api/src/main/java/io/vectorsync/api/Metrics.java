package io.vectorsync.api;

/**
 * Named counters and latency recorders of one step, shown in the progress line and the final summary and
 * written to the report. Thread-safe; hold on to the returned objects on hot paths.
 */
public interface Metrics {
    /** Calls made to a model service (one per HTTP request or ONNX batch). */
    String MODEL_CALLS = "modelCalls";
    /** Rows the model embedded (cache hits excluded). */
    String ROWS_EMBEDDED = "rowsEmbedded";
    String CACHE_HITS = "cacheHits";
    String CACHE_MISSES = "cacheMisses";
    /** Tokens the provider reported as used. */
    String TOKENS = "tokens";
    String RETRIES = "retries";
    String THROTTLED = "throttled";
    /** Latency of model calls, recorded in nanoseconds. */
    String MODEL_CALL_LATENCY = "modelCallLatency";

    Counter counter(String name);

    LatencyRecorder latency(String name);

    /** A monotonically increasing count. */
    interface Counter {
        void add(long delta);

        default void increment() {
            add(1);
        }

        long get();
    }

    /** Records durations; the summary shows count, p50 and p99. */
    interface LatencyRecorder {
        void recordNanos(long nanos);
    }
}
