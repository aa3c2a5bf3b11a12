package io.vectorsync.core.runtime;

import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.core.stats.StepMetrics;
import java.nio.file.Path;
import java.util.List;

/**
 * How a job ended.
 *
 * @param error          null when it succeeded; the message is already masked
 * @param previewRecords the records a preview produced (empty for a run)
 */
public record JobResult(boolean succeeded, String error, long recordsRead, long recordsWritten, long dirtyRecords,
                        long filteredRecords, long durationMs, List<StepMetrics> steps, Path dirtyFile,
                        Schema outputSchema, List<Row> previewRecords) {

    public String status() {
        return succeeded ? "SUCCEEDED" : "FAILED";
    }
}
