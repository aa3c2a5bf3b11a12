package io.vectorsync.core.job;

import io.vectorsync.api.config.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the shape of a job: one reader first, any transformers, then one or more writers, each of which receives
 * every record that leaves the transformers; and {@code order.hops}, when given, against that shape.
 *
 * <p>Hops may leave steps out, as DataWorks' own samples do ({@code Reader → Writer} around an embedding step), but
 * they may not contradict the array order: a hop goes forward (from a step to a later one), never into the reader,
 * never out of a writer or from one writer to another (writers are parallel ends), and every writer must be the end
 * of some hop. A contradiction is an error, never ignored: the records would not flow as the hops say.
 */
final class JobOrder {
    private JobOrder() {
    }

    static void checkSteps(List<StepSpec> steps, List<JobIssue> issues) {
        if (steps.isEmpty()) {
            return;
        }
        long readers = steps.stream().filter(s -> s.category() == StepCategory.READER).count();
        long writers = steps.stream().filter(s -> s.category() == StepCategory.WRITER).count();
        if (readers != 1) {
            issues.add(new JobIssue("$.steps", "a job needs exactly one reader step, found " + readers));
        } else if (steps.get(0).category() != StepCategory.READER) {
            issues.add(new JobIssue(steps.get(0).path(), "the first step must be the reader (records flow through the "
                    + "steps in array order)"));
        }
        if (writers == 0) {
            issues.add(new JobIssue("$.steps", "a job needs at least one writer step, found none"));
            return;
        }
        boolean seenWriter = false;
        for (StepSpec s : steps) {
            if (s.category() == StepCategory.WRITER) {
                seenWriter = true;
            } else if (seenWriter) {
                issues.add(new JobIssue(s.path(), "the writers must be the last steps: " + s.name() + " ("
                        + s.category().name().toLowerCase(java.util.Locale.ROOT) + ") comes after a writer; every "
                        + "writer receives the records that leave the last transformer"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static void checkHops(Object order, List<StepSpec> steps, List<JobIssue> issues) {
        if (order == null) {
            return; // optional: records follow the steps' array order
        }
        if (!(order instanceof Map<?, ?> map)) {
            issues.add(new JobIssue("$.order", "must be a JSON object: {\"hops\": [{\"from\": step, \"to\": step}]}"));
            return;
        }
        JobKeys.check((Map<String, Object>) map, "$.order", JobKeys.ORDER, JobKeys.NONE, issues, new ArrayList<>());
        Object hopsValue = map.get("hops");
        if (hopsValue == null) {
            return;
        }
        if (!(hopsValue instanceof List<?> hops)) {
            issues.add(new JobIssue("$.order.hops", "must be a list of {\"from\": step, \"to\": step}"));
            return;
        }
        Map<String, StepSpec> byName = new HashMap<>();
        steps.forEach(s -> byName.put(s.name(), s));
        Set<String> reached = new HashSet<>();
        boolean allNamed = true;
        for (int i = 0; i < hops.size(); i++) {
            String path = "$.order.hops[" + i + "]";
            if (!(hops.get(i) instanceof Map<?, ?> hop)) {
                issues.add(new JobIssue(path, "must be {\"from\": step, \"to\": step}"));
                allNamed = false;
                continue;
            }
            JobKeys.check((Map<String, Object>) hop, path, JobKeys.HOP, JobKeys.NONE, issues, new ArrayList<>());
            StepSpec from = step(hop.get("from"), path + ".from", byName, issues);
            StepSpec to = step(hop.get("to"), path + ".to", byName, issues);
            if (from == null || to == null) {
                allNamed = false;
                continue;
            }
            String contradiction = contradiction(from, to);
            if (contradiction != null) {
                issues.add(new JobIssue(path, "\"" + from.name() + "\" → \"" + to.name() + "\" " + contradiction));
            }
            reached.add(to.name());
        }
        if (!allNamed || hops.isEmpty()) {
            return;
        }
        Set<String> unreached = new LinkedHashSet<>();
        steps.stream().filter(s -> s.category() == StepCategory.WRITER && !reached.contains(s.name()))
                .forEach(s -> unreached.add(s.name()));
        if (!unreached.isEmpty()) {
            StepSpec last = lastBeforeWriters(steps);
            issues.add(new JobIssue("$.order.hops", "no hop leads to the writer(s) " + unreached + ", yet every writer "
                    + "receives every record; add {\"from\": \"" + (last == null ? "…" : last.name())
                    + "\", \"to\": \""
                    + unreached.iterator().next() + "\"} for each, or leave \"order\" out"));
        }
    }

    /** Why the hop contradicts the steps' order, or null when it agrees. */
    private static String contradiction(StepSpec from, StepSpec to) {
        if (from == to) {
            return "goes from a step to itself";
        }
        if (from.category() == StepCategory.WRITER) {
            return to.category() == StepCategory.WRITER
                    ? "joins two writers; writers are parallel ends: each receives every record from the last "
                    + "transformer"
                    : "leaves a writer; a writer is an end of the job";
        }
        if (to.category() == StepCategory.READER) {
            return "enters the reader; the reader is where the records start";
        }
        if (to.index() < from.index()) {
            return "goes backwards; records flow through the steps in array order ($.steps[" + from.index()
                    + "] comes after $.steps[" + to.index() + "])";
        }
        return null;
    }

    private static StepSpec step(Object name, String path, Map<String, StepSpec> byName, List<JobIssue> issues) {
        StepSpec step = name == null ? null : byName.get(name.toString());
        if (step == null) {
            String suggestion = name == null ? null : Suggestions.closest(name.toString(), byName.keySet());
            issues.add(new JobIssue(path, (name == null ? "missing" : "no step named \"" + name + "\"")
                    + (suggestion != null ? "; did you mean \"" + suggestion + "\"?" : "; steps are "
                    + new java.util.TreeSet<>(byName.keySet()))));
        }
        return step;
    }

    private static StepSpec lastBeforeWriters(List<StepSpec> steps) {
        StepSpec last = null;
        for (StepSpec s : steps) {
            if (s.category() != StepCategory.WRITER) {
                last = s;
            }
        }
        return last;
    }
}
