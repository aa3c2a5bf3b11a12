package io.vectorsync.reader.odps;

import com.aliyun.odps.OdpsException;
import java.util.Locale;

/**
 * Recognizes MaxCompute's answer that an exclusive tunnel quota cannot be used (overdue payment, expired,
 * released, not found). MaxCompute documents no single error code for this, so any error whose code or message
 * names the quota counts, except {@code FlowExceeded} ("Your flow quota is exceeded"), which is throttling on a
 * quota that works and is retried, not a reason to switch quotas.
 */
final class OdpsQuota {
    private OdpsQuota() {
    }

    /** Whether {@code e} (or a cause) says the exclusive quota is unavailable. */
    static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String code = t instanceof OdpsException oe && oe.getErrorCode() != null ? oe.getErrorCode() : "";
            if (code.equalsIgnoreCase("FlowExceeded")) {
                return false;
            }
            String text = (code + " " + t.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("quota")) {
                return true;
            }
        }
        return false;
    }

    /** The error as one line for the warning. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OdpsException oe && oe.getErrorCode() != null) {
                return oe.getErrorCode() + ": " + t.getMessage();
            }
        }
        return String.valueOf(e.getMessage());
    }
}
