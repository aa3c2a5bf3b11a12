package io.vectorsync.reader.hdfs;

import io.vectorsync.api.reader.Split;
import java.util.Objects;

/**
 * One file, or a line-aligned byte range of a large uncompressed text/csv file ({@link io.vectorsync.reader.text.LineRanges}).
 *
 * @param path     the file's full URI
 * @param length   its size in bytes at planning
 * @param modified its modification time at planning, epoch milliseconds: a changed file makes another plan
 * @param start    first byte of the range (0 for a whole file)
 * @param end      end of the range, exclusive ({@code length} for a whole file)
 */
record HdfsSplit(String path, long length, long modified, long start, long end) implements Split {
    HdfsSplit {
        Objects.requireNonNull(path, "path is null");
    }

    /** A whole file whose modification time does not matter (schema probing). */
    HdfsSplit(String path, long length) {
        this(path, length, 0, 0, length);
    }

    boolean wholeFile() {
        return start == 0 && end == length;
    }

    @Override
    public String id() {
        return wholeFile() ? path : path + " bytes " + start + "-" + end;
    }

    @Override
    public long estimatedBytes() {
        return end - start;
    }
}
