package io.vectorsync.reader.localfile;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The physical lines of one file (of every entry, for zip), decompressed and decoded. Lines are cut at byte
 * {@code \n} and decoded one by one, so a byte sequence that is invalid in the encoding spoils only its own line,
 * which comes back with {@link Line#malformed()} set. (For encodings where {@code \n} is not one byte, such as
 * UTF-16, the rest of the entry is given up after a malformed line.)
 *
 * <p>A byte range of an uncompressed file ({@link io.vectorsync.reader.text.LineRanges}) is read like a file of its own that starts at a
 * line start: the header is skipped, and a byte order mark dropped, only in the range that starts at byte 0.
 */
final class LocalFileLines implements Closeable {
    /** One physical line; {@code malformed} is null or says why its bytes are not valid text. */
    record Line(String text, String location, long number, String malformed) {
        String where() {
            return location + ":" + number;
        }
    }

    private final Path file;
    private final Charset charset;
    private final boolean skipHeader;
    private final boolean byteLines;
    private final CharsetDecoder decoder;
    private final InputStream raw;
    private final ZipArchiveInputStream zip;
    private InputStream in;
    private BufferedReader charReader;
    private String location;
    private long number;
    private boolean entryOpen;
    private boolean entryBroken;

    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLen;
    private final long start;
    private final String rangeText;
    private long remaining;

    LocalFileLines(Path file, String compress, Charset charset, boolean skipHeader) throws IOException {
        this(file, compress, charset, skipHeader, 0, -1);
    }

    /** The lines of bytes {@code [start, end)} of an uncompressed file; {@code end} -1 means to the end. */
    LocalFileLines(Path file, String compress, Charset charset, boolean skipHeader, long start, long end)
            throws IOException {
        this.file = file;
        this.charset = charset;
        this.start = start;
        this.skipHeader = skipHeader && start == 0;
        this.byteLines = isByteLines(charset);
        if ((start > 0 || end >= 0) && (!byteLines || !compress.equals("none"))) {
            throw new IllegalArgumentException("byte ranges need an uncompressed file in a byte-line encoding");
        }
        this.remaining = end < 0 ? Long.MAX_VALUE : end - start;
        this.rangeText = end < 0 ? "" : " bytes " + start + "-" + end;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file);
        try {
            channel.position(start);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        InputStream base = new BufferedInputStream(java.nio.channels.Channels.newInputStream(channel), 1 << 16);
        InputStream opened;
        ZipArchiveInputStream zipStream = null;
        try {
            switch (compress) {
                case "gzip" -> opened = new GzipCompressorInputStream(base, true);
                case "bzip2" -> opened = new BZip2CompressorInputStream(base, true);
                case "zip" -> {
                    zipStream = new ZipArchiveInputStream(base);
                    opened = zipStream;
                }
                default -> opened = base;
            }
        } catch (IOException | RuntimeException e) {
            base.close();
            throw e;
        }
        this.raw = opened;
        this.zip = zipStream;
    }

    /**
     * True when lines can be cut at byte {@code '\n'} and quotes found at byte {@code '"'}: the charset writes
     * them as those single bytes (UTF-8, ISO-8859-x, GBK, not UTF-16).
     */
    static boolean isByteLines(Charset charset) {
        return Arrays.equals("\n\r\"".getBytes(charset), new byte[] {'\n', '\r', '"'});
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        while (true) {
            if (!entryOpen && !openNextEntry()) {
                return null;
            }
            Line l = readLine();
            if (l == null) {
                entryOpen = false;
                if (zip == null) {
                    return null;
                }
                continue;
            }
            if (l.number() == 1 && skipHeader) {
                continue;
            }
            return l;
        }
    }

    private boolean openNextEntry() throws IOException {
        if (zip == null) {
            if (location != null) {
                return false;
            }
            location = file + rangeText;
            in = raw;
        } else {
            ZipArchiveEntry entry;
            do {
                entry = zip.getNextEntry();
            } while (entry != null && entry.isDirectory());
            if (entry == null) {
                return false;
            }
            location = file + "!" + entry.getName();
            in = zip;
        }
        number = 0;
        pos = 0;
        limit = 0;
        entryBroken = false;
        charReader = byteLines ? null : new BufferedReader(new InputStreamReader(new NonClosing(in), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        entryOpen = true;
        return true;
    }

    private Line readLine() throws IOException {
        if (entryBroken) {
            return null;
        }
        if (!byteLines) {
            try {
                String s = charReader.readLine();
                if (s == null) {
                    return null;
                }
                return line(s, null);
            } catch (CharacterCodingException e) {
                entryBroken = true;
                return line("", "bytes that are not valid " + charset.name() + " text; the rest of "
                        + location + " is skipped");
            }
        }
        lineLen = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
                remaining -= Math.max(n, 0);
                if (n <= 0) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
                pos = 0;
                limit = n;
            }
            any = true;
            int end = pos;
            while (end < limit && buf[end] != '\n') {
                end++;
            }
            append(pos, end);
            if (end < limit) {
                pos = end + 1;
                break;
            }
            pos = limit;
        }
        int len = lineLen > 0 && line[lineLen - 1] == '\r' ? lineLen - 1 : lineLen;
        try {
            return line(decoder.reset().decode(ByteBuffer.wrap(line, 0, len)).toString(), null);
        } catch (CharacterCodingException e) {
            return line(new String(line, 0, len, charset), "bytes that are not valid " + charset.name() + " text");
        }
    }

    private Line line(String text, String malformed) {
        number++;
        if (number == 1 && start == 0 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return new Line(text, location, number, malformed);
    }

    private void append(int from, int to) {
        int n = to - from;
        if (lineLen + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
        }
        System.arraycopy(buf, from, line, lineLen, n);
        lineLen += n;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    /** The file (and zip entry) being read. */
    @Override
    public String toString() {
        return location == null ? file.toString() : location;
    }

    /** Keeps an InputStreamReader from closing the archive stream under it. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
