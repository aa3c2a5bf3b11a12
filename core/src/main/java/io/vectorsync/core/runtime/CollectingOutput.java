package io.vectorsync.core.runtime;

import io.vectorsync.api.record.Row;
import io.vectorsync.api.transform.TransformOutput;
import java.util.ArrayList;
import java.util.List;

/** Where one transformer call puts its records: what it emits is kept in order, what it filters out is counted. */
public final class CollectingOutput implements TransformOutput {
    private final List<Row> emitted;
    private long filtered;

    /** @param expected how many records the call will probably emit (the input's size) */
    public CollectingOutput(int expected) {
        this.emitted = new ArrayList<>(expected);
    }

    @Override
    public void emit(Row record) {
        emitted.add(record);
    }

    @Override
    public void filter(Row in) {
        filtered++;
    }

    public List<Row> emitted() {
        return emitted;
    }

    public long filtered() {
        return filtered;
    }
}
