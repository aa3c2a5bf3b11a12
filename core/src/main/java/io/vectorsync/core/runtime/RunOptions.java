package io.vectorsync.core.runtime;

import java.time.Duration;

/**
 * How to run a planned job.
 *
 * @param previewLimit     records to read in preview mode; 0 for a real run
 * @param batchRecords     records per batch handed between stages
 * @param batchBytes       bytes per batch (whichever bound is reached first)
 * @param channelRecords   records a channel holds at most
 * @param channelBytes     bytes a channel holds at most
 * @param progressInterval how often the progress line is logged (zero: never)
 * @param stopGrace        how long the stage threads of a stopping job (failed or cancelled) get to end after they
 *                         are interrupted; a stage still running then is named in the error and abandoned
 */
public record RunOptions(int previewLimit, int batchRecords, long batchBytes, int channelRecords, long channelBytes,
                         Duration progressInterval, Duration stopGrace) {

    public static RunOptions defaults() {
        return new RunOptions(0, 1024, 1L << 20, 8192, 64L << 20, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    public RunOptions withPreviewLimit(int limit) {
        return new RunOptions(limit, batchRecords, batchBytes, channelRecords, channelBytes, progressInterval, stopGrace);
    }

    public RunOptions withProgressInterval(Duration interval) {
        return new RunOptions(previewLimit, batchRecords, batchBytes, channelRecords, channelBytes, interval, stopGrace);
    }

    public RunOptions withStopGrace(Duration grace) {
        return new RunOptions(previewLimit, batchRecords, batchBytes, channelRecords, channelBytes, progressInterval, grace);
    }

    public boolean preview() {
        return previewLimit > 0;
    }
}
