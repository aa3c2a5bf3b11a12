package io.vectorsync.reader.localfile;

import java.nio.file.Path;

/**
 * One file, or a line-aligned byte range of a large uncompressed one ({@link io.vectorsync.reader.text.LineRanges}).
 *
 * @param path     the file
 * @param size     its size in bytes at planning
 * @param modified its last-modified time at planning, epoch milliseconds: a changed file makes another plan
 * @param start    first byte of the range (0 for a whole file)
 * @param end      end of the range, exclusive ({@code size} for a whole file)
 */
record LocalFileSplit(Path path, long size, long modified, long start, long end)
        implements io.vectorsync.api.reader.Split {
    boolean wholeFile() {
        return start == 0 && end == size;
    }

    @Override
    public String id() {
        return wholeFile() ? path.toString() : path + " bytes " + start + "-" + end;
    }

    @Override
    public long estimatedBytes() {
        return end - start;
    }
}
