package io.vectorsync.writer.localfile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.DirtyRecordReporter;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.WriterTask;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one stream's in-progress file through a 64 KB BufferedWriter. A jsonl record is rendered apart first, so a
 * value that cannot be written (a json column holding invalid JSON) becomes a dirty record and never half a line.
 * {@link #flush()} forces the file to disk; {@link #abort} drops the buffer and deletes the file. The writer
 * step publishes the file when the job succeeds.
 */
final class LocalFileWriterTask implements WriterTask {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFileWriterTask.class);

    private final FileOutputStream stream;
    private final Path file;
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
    private boolean closed;

    LocalFileWriterTask(FileOutputStream stream, Path file, Charset charset, String format, String delimiter, String nullFormat, List<String> header,
                        Schema schema, LocalFileValueWriter values, ObjectMapper mapper, DirtyRecordReporter dirty)
            throws IOException {
        this.stream = stream;
        this.file = file;
        this.out = new BufferedWriter(new OutputStreamWriter(stream, charset), 1 << 16);
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

    /** Writes the buffer and forces the in-progress file to disk. */
    @Override
    public void flush() throws IOException {
        out.flush();
        stream.getFD().sync();
    }

    /** Drops what is buffered (never writes it) and deletes the in-progress file. */
    @Override
    public void abort(Throwable cause) {
        closed = true;
        try {
            stream.close(); // the BufferedWriter's content is dropped with it, unwritten
        } catch (IOException e) {
            LOG.debug("closing {} failed", file, e);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete in-progress file {}: {}", file, e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
