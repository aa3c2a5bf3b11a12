package io.vectorsync.api.reader;

/** What {@link SplitReader#poll} says about the split after emitting. */
public enum PollStatus {
    /** More records are available now. */
    MORE,
    /** Nothing right now, but the split is not finished (a stream source): the core waits briefly. */
    WAIT,
    /** The split is finished. */
    END
}
