package io.vectorsync.core.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.job.JobSpec;
import io.vectorsync.core.job.Settings;
import io.vectorsync.core.job.StepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job as one Flink subtask runs it: the client's parsed job (placeholders resolved, datasources merged, so a
 * TaskManager needs neither the parameters nor the datasources file), with the job-wide limits cut to one
 * subtask's share. Shipped as JSON inside the operator.
 */
final class TaskJob {
    /**
     * Step parameters that are a rate per model endpoint, held by one limiter per JVM (the embedding step's
     * budget): divided by the number of JVMs.
     */
    static final List<String> RATE_PARAMETERS = List.of("requestsPerSecond", "requestsPerMinute", "tokensPerMinute");
    /** Step parameters that bound one step instance (each subtask has its own): divided by the parallelism. */
    static final List<String> PER_INSTANCE_PARAMETERS = List.of("concurrentRequests", "maxInFlight");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TaskJob() {
    }

    /**
     * The job for one subtask: one stream per subtask; {@code speed.mbps} and {@code speed.record} divided by the
     * parallelism (each subtask has its own throttle), and so are the embedding step's {@code concurrentRequests}
     * (each subtask has its own step); model endpoint rates divided by {@code jvmShare}, the number of TaskManager
     * JVMs that may run subtasks (the rate limiter is shared by the subtasks of one JVM).
     */
    static JobSpec forSubtask(JobSpec job, int parallelism, int jvmShare) {
        Settings s = job.settings();
        Settings task = new Settings(1, s.throttle(), s.mbps() / parallelism,
                s.recordsPerSecond() == 0 ? 0 : Math.max(1, s.recordsPerSecond() / parallelism),
                s.errorLimitRecords(), s.errorLimitPercentage());
        List<StepSpec> steps = new ArrayList<>();
        for (StepSpec step : job.steps()) {
            Map<String, Object> params = new LinkedHashMap<>(step.parameters());
            for (String key : RATE_PARAMETERS) {
                if (params.get(key) instanceof Number n && n.doubleValue() > 0 && jvmShare > 1) {
                    double share = n.doubleValue() / jvmShare;
                    params.put(key, key.endsWith("PerMinute") ? (Object) Math.max(1L, (long) share) : share);
                }
            }
            for (String key : PER_INSTANCE_PARAMETERS) {
                if (params.get(key) instanceof Number n && n.intValue() > 0 && parallelism > 1) {
                    params.put(key, Math.max(1, n.intValue() / parallelism));
                }
            }
            steps.add(new StepSpec(step.index(), step.stepType(), step.category(), step.name(), params, step.path(),
                    step.origins()));
        }
        return new JobSpec(job.name(), steps, task);
    }

    static String toJson(JobSpec job) {
        try {
            return MAPPER.writeValueAsString(job);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize job " + job.name(), e);
        }
    }

    static JobSpec fromJson(String json) {
        try {
            return MAPPER.readValue(json, JobSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job shipped to the task: " + e.getMessage(), e);
        }
    }
}
