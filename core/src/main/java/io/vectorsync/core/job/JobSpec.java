package io.vectorsync.core.job;

import java.util.List;

/**
 * A parsed job: its steps in order (one reader, transformers, one or more writers) and its settings.
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

    /** The first writer (a job has one or more, after every transformer). */
    public StepSpec writer() {
        return writers().get(0);
    }

    /** The writers, in array order: each receives every record that leaves the transformers. */
    public List<StepSpec> writers() {
        return steps.stream().filter(s -> s.category() == StepCategory.WRITER).toList();
    }

    public List<StepSpec> transformers() {
        return steps.stream().filter(s -> s.category() == StepCategory.TRANSFORMER).toList();
    }
}
