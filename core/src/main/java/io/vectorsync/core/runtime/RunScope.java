package io.vectorsync.core.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the steps of one run share in this process ({@link io.vectorsync.api.PluginContext#runShared}): owned by the
 * run's plan and closed after its steps, so nothing a plugin shares outlives the run. Keys are kept apart per class
 * loader, so two plugins using the same key never meet.
 */
public final class RunScope implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunScope.class);

    private record Key(ClassLoader loader, Object key) {
    }

    private final Map<Key, Object> shared = new ConcurrentHashMap<>();
    /** In the order they were created: closed in reverse. */
    private final List<Object> created = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    /** The object shared under {@code key}, made by {@code create} on first request. */
    public <T> T shared(Object key, Class<T> type, Supplier<? extends T> create) {
        if (closed) {
            throw new IllegalStateException("the run is over: nothing more can be shared in it");
        }
        Object value = shared.computeIfAbsent(new Key(type.getClassLoader(), key), k -> {
            T made = create.get();
            if (made == null) {
                throw new IllegalStateException("runShared(" + key + "): the supplier returned null");
            }
            created.add(made);
            return made;
        });
        if (!type.isInstance(value)) {
            throw new IllegalStateException("runShared(" + key + ") holds a " + value.getClass().getName()
                    + ", asked for a " + type.getName() + ": use one type per key");
        }
        return type.cast(value);
    }

    /** Closes what was shared ({@link AutoCloseable} values), the last made first; failures are logged. */
    @Override
    public void close() {
        closed = true;
        List<Object> values;
        synchronized (created) {
            values = new ArrayList<>(created);
            created.clear();
        }
        shared.clear();
        Collections.reverse(values);
        for (Object value : values) {
            if (value instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("closing {} shared by the run failed: {}", value.getClass().getName(), e.toString());
                }
            }
        }
    }
}
