package io.vectorsync.core.flink;

import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.stats.StepMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * A subtask's step counters as Flink accumulators, which Flink sums over all subtasks and reports to the client
 * while the job runs and at its end. Names: {@code vs.<step index>.<counter>} for the core's counters (in, out,
 * bytes, dirty, filtered) and {@code vs.<step index>.c.<name>} for a plugin's own.
 */
final class Accumulators {
    static final String PREFIX = "vs.";
    static final List<String> CORE = List.of("in", "out", "bytes", "dirty", "filtered");

    private final List<StepMetrics> steps = new ArrayList<>();
    private final RuntimeContext context;
    private final Map<String, LongCounter> counters = new HashMap<>();
    private final Map<String, Long> published = new HashMap<>();

    /** Registers the core counters of every step; call on the task thread. */
    Accumulators(JobPlan plan, RuntimeContext context) {
        this.context = context;
        for (PlannedStep<?> step : plan.steps()) {
            steps.add(step.context().stepMetrics());
        }
        for (int i = 0; i < steps.size(); i++) {
            for (String name : CORE) {
                register(PREFIX + i + "." + name);
            }
        }
    }

    private LongCounter register(String name) {
        return counters.computeIfAbsent(name, n -> {
            LongCounter c = new LongCounter();
            context.addAccumulator(n, c);
            return c;
        });
    }

    /** Publishes the core counters (from the timer thread while the splits run, so progress is live). */
    synchronized void publishCore() {
        for (int i = 0; i < steps.size(); i++) {
            StepMetrics m = steps.get(i);
            long[] values = {m.recordsIn(), m.recordsOut(), m.bytesOut(), m.dirty(), m.filtered()};
            for (int k = 0; k < CORE.size(); k++) {
                set(PREFIX + i + "." + CORE.get(k), values[k]);
            }
        }
    }

    /** Publishes everything, plugin counters too; call on the task thread once the splits are done. */
    synchronized void publishAll() {
        publishCore();
        for (int i = 0; i < steps.size(); i++) {
            for (Map.Entry<String, Long> e : steps.get(i).pluginCounters().entrySet()) {
                String name = PREFIX + i + ".c." + e.getKey();
                register(name);
                set(name, e.getValue());
            }
        }
    }

    private void set(String name, long value) {
        long delta = value - published.getOrDefault(name, 0L);
        if (delta != 0) {
            counters.get(name).add(delta);
            published.put(name, value);
        }
    }

    /**
     * Adds what {@code accumulators} (the job's sums) show beyond {@code seen} to the client plan's step metrics,
     * so the local engine's progress line and summary work on the client's plan unchanged.
     */
    static void applyTo(JobPlan clientPlan, Map<String, Object> accumulators, Map<String, Long> seen) {
        List<PlannedStep<?>> planSteps = clientPlan.steps();
        for (Map.Entry<String, Object> e : accumulators.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(PREFIX) || !(e.getValue() instanceof Number value)) {
                continue;
            }
            String[] parts = name.split("\\.", 4);
            int index = Integer.parseInt(parts[1]);
            if (index >= planSteps.size()) {
                continue;
            }
            long delta = value.longValue() - seen.getOrDefault(name, 0L);
            if (delta <= 0) {
                continue;
            }
            seen.put(name, value.longValue());
            StepMetrics m = planSteps.get(index).context().stepMetrics();
            switch (parts[2]) {
                case "in" -> m.addIn(delta);
                case "out" -> m.addOut(delta, 0);
                case "bytes" -> m.addOut(0, delta);
                case "dirty" -> {
                    for (long d = 0; d < delta; d++) {
                        m.addDirty();
                    }
                }
                case "filtered" -> m.addFiltered(delta);
                case "c" -> m.counter(parts[3]).add(delta);
                default -> {
                }
            }
        }
    }
}
