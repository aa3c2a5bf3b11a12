package io.vectorsync.core.flink;

import io.vectorsync.api.error.PluginException;

/** Failure messages as the local engine words them. */
final class Failures {
    private Failures() {
    }

    /** A one-line description: the plugin's error code and message, with the cause's message. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsatisfiedLinkError && String.valueOf(t.getMessage()).contains("another classloader")) {
                return t + "; a native library of a plugin was loaded by an earlier job of this TaskManager: put "
                        + "vectorsync's lib/*.jar (without logback) on the cluster's class path and set "
                        + "classloader.parent-first-patterns.additional: io.vectorsync. (see core/flink/README.md)";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (e instanceof PluginException pe) {
            return "[" + pe.errorCode().code() + "] " + pe.getMessage()
                    + (pe.getCause() != null && pe.getCause().getMessage() != null
                    && !pe.getMessage().contains(pe.getCause().getMessage()) ? " (cause: " + pe.getCause() + ")" : "");
        }
        return e.toString() + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : "");
    }

    /**
     * The message a user should see for a failed Flink job: the first vectorsync subtask failure in the cause
     * chain, else Flink's own root cause (a lost TaskManager, a cancelled job).
     */
    static String ofFlinkJob(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains(SplitTaskOperator.TaskFailedException.PREFIX)) {
                return m.substring(m.indexOf(SplitTaskOperator.TaskFailedException.PREFIX));
            }
            root = t;
            if (t.getCause() == t) {
                break;
            }
        }
        return "the Flink job failed (it runs without restarts: the writer was aborted; rerun the job): " + root;
    }
}
