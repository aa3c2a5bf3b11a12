package io.vectorsync.core.runtime;

import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.core.resume.ResumeSession;
import io.vectorsync.core.stats.StepMetrics;
import java.nio.file.Path;
import java.util.List;

/**
 * How a job ended. The counts add up: {@code recordsRead = recordsWritten + dirtyRecords + filteredRecords +
 * recordsInFlight} (with several writers, for each writer's own step metrics; the job's {@code recordsWritten} is
 * then the fewest any writer wrote and {@code dirtyRecords} counts every writer's refusals).
 *
 * @param status          SUCCEEDED, FAILED or CANCELLED
 * @param error           null when it succeeded; the message is already masked
 * @param recordsRead     records the reader emitted plus the inputs it reported dirty
 * @param recordsWritten  records the writer accepted (its {@code write} returned) and did not report dirty (with
 *                        several writers, the fewest of them); for a
 *                        failed or cancelled job, what stays of them in the target is up to the writer's abort
 * @param recordsInFlight read but neither written, dirty nor filtered when a failed or cancelled job stopped
 *                        (in a channel, a transformer or a write that did not complete); 0 for a successful run
 * @param previewRecords  the records a preview produced (empty for a run)
 * @param resume          for a run with {@code --resume}: attempt, splits skipped and replayed (null otherwise);
 *                        the counts above are then those of the final state (splits finished by earlier attempts
 *                        included, once)
 */
public record JobResult(Status status, String error, long recordsRead, long recordsWritten, long dirtyRecords,
                        long filteredRecords, long recordsInFlight, long durationMs, List<StepMetrics> steps,
                        Path dirtyFile, Schema outputSchema, List<Row> previewRecords, ResumeSession.Summary resume) {

    public JobResult(Status status, String error, long recordsRead, long recordsWritten, long dirtyRecords,
                     long filteredRecords, long recordsInFlight, long durationMs, List<StepMetrics> steps,
                     Path dirtyFile, Schema outputSchema, List<Row> previewRecords) {
        this(status, error, recordsRead, recordsWritten, dirtyRecords, filteredRecords, recordsInFlight, durationMs,
                steps, dirtyFile, outputSchema, previewRecords, null);
    }

    /** How a job ended. */
    public enum Status {
        SUCCEEDED, FAILED, CANCELLED
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /**
     * Records that steps created beyond their input: a flatmap step such as {@code text-splitter} turns one
     * document into several chunks. The counts then add up as {@code read + created = written + dirty + filtered
     * (+ in flight)}.
     */
    public long recordsCreated() {
        return recordsCreated(steps);
    }

    /** See {@link #recordsCreated()}: per transformer step, what it emitted, dropped or refused beyond its input. */
    public static long recordsCreated(List<StepMetrics> steps) {
        long created = 0;
        for (StepMetrics m : steps) {
            if (m.category().equals("transformer")) {
                created += Math.max(0, m.recordsOut() + m.dirty() + m.filtered() - m.recordsIn());
            }
        }
        return created;
    }
}
