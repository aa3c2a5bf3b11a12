package io.vectorsync.core.job;

/** One problem with a job, at a JSON path such as {@code $.steps[2].parameter.batchSize}. */
public record JobIssue(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
