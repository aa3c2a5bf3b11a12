package io.vectorsync.writer.localfile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.DirtyRecordReporter;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.WriterTask;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one stream's file through a BufferedWriter. A jsonl record is rendered apart first, so a value that cannot
 * be written (a json column holding invalid JSON) becomes a dirty record and never half a line.
 */
final class LocalFileWriterTask implements WriterTask {
    private final Writer out;
    private final String format;
    private final String delimiter;
    private final String nullFormat;
    private final Schema schema;
    private final LocalFileValueWriter values;
    private final ObjectMapper mapper;
    private final DirtyRecordReporter dirty;
    private final CSVPrinter csv;
    private final StringWriter jsonBuffer = new StringWriter(1024);
    private final String[] row;
    private JsonGenerator json;

    LocalFileWriterTask(Writer out, String format, String delimiter, String nullFormat, List<String> header,
                        Schema schema, LocalFileValueWriter values, ObjectMapper mapper, DirtyRecordReporter dirty)
            throws IOException {
        this.out = out;
        this.format = format;
        this.delimiter = delimiter;
        this.nullFormat = nullFormat;
        this.schema = schema;
        this.values = values;
        this.mapper = mapper;
        this.dirty = dirty;
        this.row = new String[schema.size()];
        this.csv = format.equals("csv") ? new CSVPrinter(out, CSVFormat.RFC4180.builder().setDelimiter(delimiter)
                .setRecordSeparator("\n").setNullString(nullFormat).build()) : null;
        if (!header.isEmpty()) {
            if (csv != null) {
                csv.printRecord(header);
            } else {
                out.write(String.join(delimiter, header));
                out.write('\n');
            }
        }
    }

    @Override
    public void write(List<Row> batch) throws IOException {
        for (Row r : batch) {
            switch (format) {
                case "jsonl" -> writeJsonLine(r);
                case "csv" -> csv.printRecord((Object[]) texts(r));
                default -> writeTextLine(r);
            }
        }
    }

    private void writeJsonLine(Row r) throws IOException {
        if (json == null) {
            json = mapper.getFactory().createGenerator(jsonBuffer);
            json.setPrettyPrinter(new MinimalPrettyPrinter(""));
        }
        jsonBuffer.getBuffer().setLength(0);
        String field = null;
        try {
            json.writeStartObject();
            for (int i = 0; i < r.size(); i++) {
                field = schema.field(i).name();
                json.writeFieldName(field);
                values.writeJson(json, r.get(i), schema.field(i).type());
            }
            json.writeEndObject();
            json.flush();
        } catch (IOException | RuntimeException e) {
            json = null; // the generator is mid-object; start a fresh one
            dirty.report(r, CommonErrorCode.RECORD_REJECTED, "column \"" + field + "\": cannot be written as JSON: "
                    + e.getMessage());
            return;
        }
        StringBuffer sb = jsonBuffer.getBuffer();
        sb.append('\n');
        out.append(sb);
        if (sb.capacity() > 1 << 20) {
            sb.setLength(0);
            sb.trimToSize();
        }
    }

    private String[] texts(Row r) {
        for (int i = 0; i < row.length; i++) {
            Object v = r.get(i);
            row[i] = v == null ? null : values.text(v, schema.field(i).type());
        }
        return row;
    }

    private void writeTextLine(Row r) throws IOException {
        String[] t = texts(r);
        for (int i = 0; i < t.length; i++) {
            if (i > 0) {
                out.write(delimiter);
            }
            out.write(t[i] == null ? nullFormat : t[i]);
        }
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
