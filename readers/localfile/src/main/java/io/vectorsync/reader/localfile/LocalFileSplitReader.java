package io.vectorsync.reader.localfile;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.DirtyRecordReporter;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.io.IOException;

/** Reads one file: lines, then records, up to {@value #BATCH} records per poll. */
final class LocalFileSplitReader implements SplitReader {
    static final int BATCH = 1024;

    private final LocalFileLines lines;
    private final LocalFileRowParser parser;
    private final Schema schema;
    private final PluginContext context;
    private final DirtyRecordReporter dirty;
    private final String step;
    private boolean done;

    LocalFileSplitReader(LocalFileLines lines, LocalFileRowParser parser, Schema schema, PluginContext context) {
        this.lines = lines;
        this.parser = parser;
        this.schema = schema;
        this.context = context;
        this.dirty = context.dirtyRecords();
        this.step = context.stepName();
    }

    @Override
    public PollStatus poll(RecordOutput output) throws IOException {
        if (done || context.stopRequested()) {
            return end();
        }
        int emitted = 0;
        int read = 0;
        while (emitted < BATCH && read < 8 * BATCH) {
            LocalFileLines.Line l = next();
            if (l == null) {
                return end();
            }
            read++;
            if (l.malformed() != null) {
                dirty.reportRaw(LocalFileValues.abbreviate(l.text()), CommonErrorCode.MALFORMED_RECORD,
                        l.where() + ": " + l.malformed());
                continue;
            }
            String text = l.text();
            if (text.isBlank()) {
                continue;
            }
            if (parser.isCsv() && oddQuotes(text)) {
                text = completeQuotedRecord(l);
                if (text == null) {
                    continue;
                }
            }
            Object[] values = parser.parse(text, l.where(), dirty);
            if (values != null) {
                output.emit(Row.wrap(schema, values));
                emitted++;
            }
        }
        return PollStatus.MORE;
    }

    /** Joins the following lines until the quotes of the record starting at {@code first} balance. */
    private String completeQuotedRecord(LocalFileLines.Line first) throws IOException {
        StringBuilder sb = new StringBuilder(first.text());
        boolean open = true;
        while (open) {
            LocalFileLines.Line more = next();
            if (more == null) {
                dirty.reportRaw(LocalFileValues.abbreviate(sb.toString()), CommonErrorCode.MALFORMED_RECORD,
                        first.where() + ": a quoted field is never closed before the end of the file");
                return null;
            }
            if (more.malformed() != null) {
                dirty.reportRaw(LocalFileValues.abbreviate(more.text()), CommonErrorCode.MALFORMED_RECORD,
                        more.where() + ": " + more.malformed() + " (inside the record starting at line "
                                + first.number() + ")");
                return null;
            }
            sb.append('\n').append(more.text());
            open ^= oddQuotes(more.text());
        }
        return sb.toString();
    }

    static boolean oddQuotes(String s) {
        int n = 0;
        for (int i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) {
            n++;
        }
        return (n & 1) == 1;
    }

    private LocalFileLines.Line next() {
        try {
            return lines.next();
        } catch (IOException e) {
            throw new PluginException(LocalFileErrorCode.READ_FAILED, "step \"" + step + "\": cannot read "
                    + lines + ": " + e.getMessage(), e);
        }
    }

    private PollStatus end() throws IOException {
        if (!done) {
            done = true;
            lines.close();
        }
        return PollStatus.END;
    }

    @Override
    public void close() throws IOException {
        end();
    }
}
