package io.vectorsync.core.resume;

/** {@code run --resume}: off, on, or {@code force} (resume even though the reader's split plan changed). */
public enum ResumeMode {
    OFF, ON, FORCE;

    /** Parses the value of {@code --resume[=force]}; null or empty means on. */
    public static ResumeMode parse(String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("true")) {
            return ON;
        }
        if (value.equalsIgnoreCase("force")) {
            return FORCE;
        }
        if (value.equalsIgnoreCase("false")) {
            return OFF;
        }
        throw new IllegalArgumentException("--resume takes no value or \"force\", got \"" + value + "\"");
    }
}
