package io.vectorsync.reader.localfile;

import java.nio.file.Path;

/** One file. */
record LocalFileSplit(Path path, long size) implements io.vectorsync.api.reader.Split {
    @Override
    public String id() {
        return path.toString();
    }

    @Override
    public long estimatedBytes() {
        return size;
    }
}
