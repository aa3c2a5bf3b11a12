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
 * What the steps of one run share in this process ({@link io.vectorsync.api.PluginContext#runShared}): joined by each
 * plan of the run ({@link #join}) and closed after the last of them closes its steps, so nothing a plugin shares
 * outlives the run. A local run has one plan; the Flink engine plans once per subtask, and the subtasks of one run
 * in one TaskManager share one scope (one rate limiter per API key and JVM, as its rate division assumes). Keys are
 * kept apart per class loader, so two plugins using the same key never meet.
 */
public final class RunScope implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunScope.class);
    /** The scopes of the runs with a plan open in this process, by run id. */
    private static final Map<String, RunScope> OPEN = new java.util.HashMap<>();

    private record Key(ClassLoader loader, Object key) {
    }

    private final String runId;
    private int plans; // guarded by OPEN
    private final Map<Key, Object> shared = new ConcurrentHashMap<>();
    /** In the order they were created: closed in reverse. */
    private final List<Object> created = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    /** A scope of its own, for one plan (tests). */
    public RunScope() {
        this(null);
        plans = 1;
    }

    private RunScope(String runId) {
        this.runId = runId;
    }

    /**
     * The scope of run {@code runId} in this process, shared with the run's other open plans here; each
     * {@link #close} gives one back, the last closes it. A null id gets a scope of its own.
     */
    public static RunScope join(String runId) {
        if (runId == null) {
            return new RunScope();
        }
        synchronized (OPEN) {
            RunScope scope = OPEN.computeIfAbsent(runId, RunScope::new);
            scope.plans++;
            return scope;
        }
    }

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

    /**
     * One plan of the run is done with the scope; the last one closes what was shared ({@link AutoCloseable} values),
     * the last made first; failures are logged.
     */
    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed || --plans > 0) {
                return;
            }
            closed = true;
            if (runId != null) {
                OPEN.remove(runId, this);
            }
        }
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
