package io.vectorsync.reader.text;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a large uncompressed file into byte ranges of about {@code splitSize} bytes that each start at the first
 * byte of a line, so each line is read by exactly one range: a range holds the lines starting inside it, and a
 * reader opened at a range's start reads whole lines until its end. For csv, a line break inside a quoted field
 * is not a line start: the file is scanned once from the start to know which line breaks are quoted (an escaped
 * quote {@code ""} flips the state twice; a backslash escape would not, and is not supported here).
 *
 * <p>Only for encodings where {@code '\n'} and {@code '"'} are single bytes that never occur inside another
 * character (UTF-8, ISO-8859-x, GBK…); the caller checks that.
 */
public final class LineRanges {
    /** Opens the file at a byte offset. */
    @FunctionalInterface
    public interface Opener {
        InputStream openAt(long offset) throws IOException;
    }

    private LineRanges() {
    }

    /**
     * The ranges as {start, end} pairs covering {@code [0, size)}; one range when the file is small.
     * {@code quote} is the csv quote byte, or -1 when line breaks are never quoted (text, jsonl).
     */
    public static List<long[]> cut(Opener file, long size, long splitSize, int quote) throws IOException {
        if (size <= splitSize) {
            return List.<long[]>of(new long[] {0, size});
        }
        List<Long> starts = quote >= 0 ? quotedLineStarts(file, size, splitSize, (byte) quote)
                : lineStarts(file, size, splitSize);
        List<long[]> ranges = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            ranges.add(new long[] {starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : size});
        }
        return ranges;
    }

    /** Range starts: 0, then the first line start at or after each previous start + splitSize. */
    private static List<Long> lineStarts(Opener file, long size, long splitSize) throws IOException {
        List<Long> starts = new ArrayList<>();
        starts.add(0L);
        long target = splitSize;
        byte[] buf = new byte[8192];
        while (target < size) {
            long lineStart = -1;
            // a line starts at b when the byte before it is '\n': look from target - 1 on
            try (InputStream in = file.openAt(target - 1)) {
                long offset = target - 1;
                int n;
                while (lineStart < 0 && (n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            lineStart = offset + i + 1;
                            break;
                        }
                    }
                    offset += n;
                }
            }
            if (lineStart < 0 || lineStart >= size) {
                break;
            }
            starts.add(lineStart);
            target = lineStart + splitSize;
        }
        return starts;
    }

    /** Like {@link #lineStarts} for csv: a line break counts only outside quotes (an even number so far). */
    private static List<Long> quotedLineStarts(Opener file, long size, long splitSize, byte quote)
            throws IOException {
        List<Long> starts = new ArrayList<>();
        starts.add(0L);
        long target = splitSize;
        boolean inQuotes = false;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = file.openAt(0)) {
            long offset = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    // a scan of a large file must not hold up a job that is stopping
                    throw new java.io.InterruptedIOException("interrupted while looking for record starts");
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == quote) {
                        inQuotes = !inQuotes; // "" inside a quoted field flips twice
                    } else if (b == '\n' && !inQuotes && offset + i + 1 >= target && offset + i + 1 < size) {
                        starts.add(offset + i + 1);
                        target = offset + i + 1 + splitSize;
                    }
                }
                offset += n;
            }
        }
        return starts;
    }
}
