package io.vectorsync.core.job;

import java.util.List;
import java.util.stream.Collectors;

/** The job cannot run as written. Carries every problem found, each with its JSON path. Exit code 2. */
public class InvalidJobException extends RuntimeException {
    private final List<JobIssue> issues;

    public InvalidJobException(List<JobIssue> issues) {
        super(format(issues));
        this.issues = List.copyOf(issues);
    }

    public InvalidJobException(String path, String message) {
        this(List.of(new JobIssue(path, message)));
    }

    public List<JobIssue> issues() {
        return issues;
    }

    private static String format(List<JobIssue> issues) {
        return issues.size() == 1 ? "invalid job: " + issues.get(0)
                : "invalid job, " + issues.size() + " problems:\n" + issues.stream().map(i -> "  - " + i)
                .collect(Collectors.joining("\n"));
    }
}
