package io.vectorsync.core.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vectorsync.core.job.JobSpec;
import io.vectorsync.core.job.Settings;
import io.vectorsync.core.job.StepCategory;
import io.vectorsync.core.job.StepSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job a subtask runs: job-wide limits cut to its share, and the JSON round trip that ships it. */
class TaskJobTest {
    private static JobSpec job() {
        return new JobSpec("j", List.of(
                new StepSpec(0, "stream", StepCategory.READER, "r", Map.of("sliceRecordCount", 10), "$.steps[0]", Map.of()),
                new StepSpec(1, "embedding-transformer", StepCategory.TRANSFORMER, "embed",
                        Map.of("modelProvider", "openai", "requestsPerSecond", 30, "tokensPerMinute", 90000L,
                                "requestsPerMinute", 600, "concurrentRequests", 8, "apiKey", "sk-secret"), "$.steps[1]", Map.of()),
                new StepSpec(2, "stream", StepCategory.WRITER, "w", Map.of(), "$.steps[2]", Map.of())),
                new Settings(8, true, 16.0, 8000, 5L, 0.1));
    }

    @Test
    void modelRatesAreDividedByTheJvmsAndSpeedByTheParallelism() {
        JobSpec task = TaskJob.forSubtask(job(), 8, 3);

        assertEquals(new Settings(1, true, 2.0, 1000, 5L, 0.1), task.settings());
        Map<String, Object> embed = task.steps().get(1).parameters();
        assertEquals(10.0, embed.get("requestsPerSecond"));
        assertEquals(30000L, embed.get("tokensPerMinute"));
        assertEquals(200L, embed.get("requestsPerMinute"));
        assertEquals(1, embed.get("concurrentRequests"), "8 in flight for the job: 1 per subtask of 8");
        assertEquals("sk-secret", embed.get("apiKey"));
        assertEquals(10, task.steps().get(0).parameters().get("sliceRecordCount"));
    }

    @Test
    void oneJvmKeepsTheModelRates() {
        Map<String, Object> embed = TaskJob.forSubtask(job(), 4, 1).steps().get(1).parameters();
        assertEquals(30, embed.get("requestsPerSecond"));
        assertEquals(2, embed.get("concurrentRequests"));
    }

    @Test
    void theShippedJobReadsBackWithNothingLost() {
        JobSpec task = TaskJob.forSubtask(job(), 2, 2);
        JobSpec shipped = TaskJob.fromJson(TaskJob.toJson(task));
        // numbers come back as JSON numbers do from a job file (45000 as an int): compare as JSON
        assertEquals(TaskJob.toJson(task), TaskJob.toJson(shipped));
        assertEquals(task.settings(), shipped.settings());
        assertEquals(task.steps().get(1).category(), shipped.steps().get(1).category());
    }
}
