package io.vectorsync.reader.oss;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Streams one object (or byte range) line by line. Lines that do not decode, do not parse or do not convert
 * are dirty records naming the object and line; a corrupt compressed object fails the job (see README).
 */
final class OssSplitReader implements SplitReader {
    private static final int BATCH = 512;

    private final OssSplit split;
    private final PluginContext context;
    private final Schema schema;
    private final OssLineParser parser;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final boolean utf8;
    private final String compress;
    private final InputStream raw;
    private OssLineReader lines;
    private long lineNumber;
    private boolean done;
    /** A byte range of an uncompressed object: lines starting at or after its end belong to the next range. */
    private final boolean ranged;

    OssSplitReader(OssSplit split, InputStream raw, String compress, boolean skipHeader, Charset charset,
                   Schema schema, OssLineParser parser, PluginContext context) throws IOException {
        this.split = split;
        this.context = context;
        this.schema = schema;
        this.parser = parser;
        this.charset = charset;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.compress = compress;
        this.raw = raw;
        this.ranged = !split.wholeObject();
        try {
            long from = split.start() > 0 ? split.start() - 1 : 0;
            this.lines = new OssLineReader(OssCompression.wrap(raw, compress), from);
            if (split.start() > 0 && !lines.skipPastNewline()) {
                done = true;
            }
            if (skipHeader && split.start() == 0 && !done) {
                done = !lines.next();
                lineNumber++;
            }
        } catch (IOException e) {
            raw.close();
            throw failure(e);
        }
    }

    @Override
    public PollStatus poll(RecordOutput output) {
        if (done) {
            return PollStatus.END;
        }
        try {
            for (int n = 0; n < BATCH; n++) {
                if (context.stopRequested() || !lines.next() || (ranged && lines.lineStart() >= split.end())) {
                    done = true;
                    return PollStatus.END;
                }
                lineNumber++;
                long startLine = lineNumber;
                String line = decode();
                if (line == null || line.isEmpty()) {
                    continue;
                }
                if (parser.isCsv()) {
                    while (OssLineParser.insideQuotes(line) && lines.next()) {
                        lineNumber++;
                        String more = decode();
                        line = line + "\n" + (more == null ? "" : more);
                    }
                }
                try {
                    output.emit(Row.wrap(schema, parser.parse(line)));
                } catch (OssLineParser.BadLine bad) {
                    context.dirtyRecords().reportRaw(OssValues.abbreviate(line), bad.code(),
                            where(startLine) + ": " + bad.getMessage());
                }
            }
            return PollStatus.MORE;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The current line as text, or null after reporting it dirty when it does not decode. */
    private String decode() {
        byte[] b = lines.bytes();
        int off = lines.offset();
        int len = lines.length();
        String s;
        if (utf8 && isAscii(b, off, len)) {
            s = new String(b, off, len, StandardCharsets.ISO_8859_1);
        } else {
            try {
                s = decoder.decode(ByteBuffer.wrap(b, off, len)).toString();
            } catch (CharacterCodingException e) {
                context.dirtyRecords().reportRaw(OssValues.abbreviate(new String(b, off, len, charset)),
                        CommonErrorCode.MALFORMED_RECORD, where(lineNumber) + ": the line is not valid "
                                + charset.name() + " (" + e + "); check \"encoding\"");
                return null;
            }
        }
        if (lines.lineStart() == 0 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        return s;
    }

    private static boolean isAscii(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private String where(long line) {
        return "object \"" + split.key() + "\" "
                + (split.start() == 0 ? "line " + line : "line at byte offset " + lines.lineStart());
    }

    private PluginException failure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PluginException pe) {
                return pe;
            }
            if (t instanceof java.io.InterruptedIOException) {
                return new PluginException(CommonErrorCode.CANCELLED, "step \"" + context.stepName() + "\": stopped"
                        + " reading object \"" + split.key() + "\" after line " + lineNumber + ": " + t.getMessage(), e);
            }
            if (t instanceof OssObjectStream.TransferException) {
                return new PluginException(OssErrorCode.TRANSIENT, "step \"" + context.stepName() + "\": "
                        + t.getMessage(), e);
            }
        }
        if (compress != null) {
            return new PluginException(OssErrorCode.CORRUPT_OBJECT, "step \"" + context.stepName() + "\": object \""
                    + split.key() + "\" is not a valid " + compress + " stream (after line " + lineNumber + "): "
                    + e.getMessage() + "; re-upload the object or fix \"compress\"", e);
        }
        return new PluginException(CommonErrorCode.IO_FAILED, "step \"" + context.stepName() + "\": reading object \""
                + split.key() + "\" failed after line " + lineNumber + ": " + e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
