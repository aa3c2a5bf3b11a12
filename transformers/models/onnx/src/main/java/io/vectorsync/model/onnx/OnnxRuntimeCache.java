package io.vectorsync.model.onnx;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The loaded models of this JVM, one {@link OnnxModelRuntime} per model (so its weights are in memory once),
 * shared by all clients of every step and stream and reference-counted: the first client loads it, with its
 * {@code threads}, the last one to close frees it. A later client asking for other {@code threads} shares the
 * loaded runtime as it is.
 */
final class OnnxRuntimeCache {
    private static final Map<String, Entry> ENTRIES = new HashMap<>();

    private OnnxRuntimeCache() {
    }

    private static final class Entry {
        final OnnxModelRuntime runtime;
        int references;

        Entry(OnnxModelRuntime runtime) {
            this.runtime = runtime;
        }
    }

    /** The shared runtime of {@code info}, loading it with {@code threads} threads if needed. */
    static synchronized OnnxModelRuntime acquire(OnnxModelInfo info, int threads) throws IOException, OrtException {
        String key = info.name();
        Entry entry = ENTRIES.get(key);
        if (entry == null) {
            entry = new Entry(OnnxModelRuntime.load(info, threads, OnnxRuntimeCache.class.getClassLoader()));
            ENTRIES.put(key, entry);
        }
        entry.references++;
        return entry.runtime;
    }

    /** Gives back a runtime from {@link #acquire}; closes it when nobody else holds it. */
    static synchronized void release(OnnxModelRuntime runtime) {
        requireNonNull(runtime, "runtime is null");
        String key = runtime.info().name();
        Entry entry = ENTRIES.get(key);
        if (entry == null || entry.runtime != runtime) {
            return;
        }
        if (--entry.references == 0) {
            ENTRIES.remove(key);
            entry.runtime.close();
        }
    }

    /** How many clients hold the runtime of {@code info} (0 when not loaded). */
    static synchronized int references(OnnxModelInfo info) {
        Entry entry = ENTRIES.get(info.name());
        return entry == null ? 0 : entry.references;
    }
}
