package io.vectorsync.core.flink;

import io.vectorsync.api.error.PluginException;

/** Failure messages as the local engine words them. */
final class Failures {
    private Failures() {
    }

    /** A one-line description: the plugin's error code and message, with the cause's message. */
    static String describe(Throwable e) {
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
        return "the Flink job failed: " + root;
    }
}
