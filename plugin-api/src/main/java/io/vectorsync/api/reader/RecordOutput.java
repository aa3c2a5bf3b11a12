package io.vectorsync.api.reader;

import io.vectorsync.api.record.Row;

/** Where a reader or transformer puts records. May block while downstream is full (backpressure). */
@FunctionalInterface
public interface RecordOutput {
    void emit(Row record);
}
