package io.vectorsync.api.reader;

/** A part of the input that one stream reads on its own. Immutable. */
public interface Split {
    /** Unique within the job, for messages: a file path, an object key, "part=3 rows 0-9999". */
    String id();

    /** Records in this split if known cheaply, else -1. Used for the ETA. */
    default long estimatedRecords() {
        return -1;
    }

    /** Bytes in this split if known cheaply, else -1. */
    default long estimatedBytes() {
        return -1;
    }
}
