package io.vectorsync.reader.hdfs;

import io.vectorsync.api.reader.Split;
import java.util.Objects;

/** One file: the reader reads each matched file as one split. */
record HdfsSplit(String path, long length) implements Split {
    HdfsSplit {
        Objects.requireNonNull(path, "path is null");
    }

    @Override
    public String id() {
        return path;
    }

    @Override
    public long estimatedBytes() {
        return length;
    }
}
