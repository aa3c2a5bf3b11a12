package io.vectorsync.reader.oss;

import io.vectorsync.api.reader.Split;

/**
 * One object, or a byte range of one large uncompressed object.
 *
 * @param key        the object key
 * @param objectSize the object's size in bytes
 * @param etag       the object's ETag at listing time (reads are pinned to it), or null
 * @param start      first byte of the range (0 for a whole object)
 * @param end        end of the range, exclusive ({@code objectSize} for a whole object)
 */
public record OssSplit(String key, long objectSize, String etag, long start, long end) implements Split {
    public boolean wholeObject() {
        return start == 0 && end == objectSize;
    }

    @Override
    public String id() {
        return wholeObject() ? key : key + " bytes " + start + "-" + end;
    }

    @Override
    public long estimatedBytes() {
        return end - start;
    }
}
