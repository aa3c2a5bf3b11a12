package io.vectorsync.api.transform;

import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.record.Row;

/** Output of a transformer for one batch. */
public interface TransformOutput extends RecordOutput {
    /** Drops {@code input} on purpose (a filter step): counted as filtered, not dirty. */
    void filter(Row input);
}
