package io.vectorsync.core.job;

import java.util.List;

/** A parsed job: its steps in order (one reader, transformers, one writer) and its settings. */
public record JobSpec(String name, List<StepSpec> steps, Settings settings) {

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
