package io.vectorsync.api.error;

/** Whose problem an error is: it decides the exit code and what the message tells the user to do. */
public enum ErrorCategory {
    /** The job or its parameters are wrong: fix the job (exit code 2 before the run starts). */
    USER_CONFIG,
    /** A source, target or model service refused or failed. */
    EXTERNAL,
    /** Out of memory, quota or time. */
    RESOURCE,
    /** A bug in vectorsync or a plugin. */
    INTERNAL,
    /** One record is bad; it goes to the dirty-data file, the job goes on within the error limit. */
    DATA
}
