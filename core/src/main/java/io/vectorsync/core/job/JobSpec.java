package io.vectorsync.core.job;

import java.util.List;

/**
 * A parsed job: its steps in order (one reader, transformers, one writer) and its settings.
 *
 * @param ignoredKeys paths of the DataWorks keys the job holds that have no effect here, accepted and ignored
 *                    (e.g. {@code $.setting.executeMode}); see the README's "Job settings"
 */
public record JobSpec(String name, List<StepSpec> steps, Settings settings, List<String> ignoredKeys) {

    public JobSpec {
        steps = List.copyOf(steps);
        ignoredKeys = List.copyOf(ignoredKeys);
    }

    public JobSpec(String name, List<StepSpec> steps, Settings settings) {
        this(name, steps, settings, List.of());
    }

    public StepSpec reader() {
        return steps.get(0);
    }

    public StepSpec writer() {
        return steps.get(steps.size() - 1);
    }

    public List<StepSpec> transformers() {
        return steps.subList(1, steps.size() - 1);
    }
}
