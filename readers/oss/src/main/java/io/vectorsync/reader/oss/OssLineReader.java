package io.vectorsync.reader.oss;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code '\n'} (a trailing {@code '\r'} is dropped) without decoding, so a
 * line that is not valid in the object's encoding can be reported on its own. Tracks the stream offset of each
 * line's first byte. After {@link #next()} the line is {@code bytes()[offset() .. offset()+length())}, valid until
 * the next call.
 */
final class OssLineReader {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private long consumed;
    private byte[] joined = new byte[1024];
    private byte[] lineBytes;
    private int lineOff;
    private int lineLen;
    private long lineStart;

    OssLineReader(InputStream in, long startOffset) {
        this.in = in;
        this.consumed = startOffset;
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        lineStart = consumed;
        int joinedLen = 0;
        boolean any = false;
        while (true) {
            if (pos >= limit) {
                if (eof || !fill()) {
                    if (!any) {
                        return false;
                    }
                    setLine(joined, 0, joinedLen);
                    return true;
                }
            }
            any = true;
            int nl = indexOfNewline(pos, limit);
            if (nl >= 0) {
                int len = nl - pos;
                consumed += len + 1;
                if (joinedLen == 0) {
                    setLine(buf, pos, len);
                } else {
                    joined = ensure(joined, joinedLen + len);
                    System.arraycopy(buf, pos, joined, joinedLen, len);
                    setLine(joined, 0, joinedLen + len);
                }
                pos = nl + 1;
                return true;
            }
            int len = limit - pos;
            joined = ensure(joined, joinedLen + len);
            System.arraycopy(buf, pos, joined, joinedLen, len);
            joinedLen += len;
            consumed += len;
            pos = limit;
        }
    }

    /** Skips bytes up to and including the next {@code '\n'}; false if the stream ended first. */
    boolean skipPastNewline() throws IOException {
        while (true) {
            if (pos >= limit && (eof || !fill())) {
                return false;
            }
            int nl = indexOfNewline(pos, limit);
            if (nl >= 0) {
                consumed += nl + 1 - pos;
                pos = nl + 1;
                return true;
            }
            consumed += limit - pos;
            pos = limit;
        }
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void setLine(byte[] bytes, int off, int len) {
        if (len > 0 && bytes[off + len - 1] == '\r') {
            len--;
        }
        lineBytes = bytes;
        lineOff = off;
        lineLen = len;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            eof = true;
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private static byte[] ensure(byte[] a, int size) {
        return size <= a.length ? a : Arrays.copyOf(a, Math.max(size, a.length * 2));
    }

    byte[] bytes() {
        return lineBytes;
    }

    int offset() {
        return lineOff;
    }

    int length() {
        return lineLen;
    }

    /** Stream offset of the current line's first byte. */
    long lineStart() {
        return lineStart;
    }
}
