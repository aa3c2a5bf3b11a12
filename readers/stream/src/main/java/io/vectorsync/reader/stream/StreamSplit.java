package io.vectorsync.reader.stream;

import io.vectorsync.api.reader.Split;

/** One slice: {@code records} copies of the constant record. */
record StreamSplit(int index, long records) implements Split {
    @Override
    public String id() {
        return "slice-" + index;
    }

    @Override
    public long estimatedRecords() {
        return records;
    }
}
