package io.vectorsync.writer.localfile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.SparseVector;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * How values look in the files: vectors as JSON arrays of floats, sparse vectors as
 * {@code {"indices":[…],"values":[…]}}, dates ISO-8601 (or {@code dateFormat}), bytes base64, json columns embedded
 * as JSON in jsonl and as their text in csv/text.
 */
final class LocalFileValueWriter {
    private final ObjectMapper mapper;
    private final DateTimeFormatter dateFormat;

    LocalFileValueWriter(ObjectMapper mapper, String dateFormat, ZoneId zone) {
        this.mapper = mapper;
        this.dateFormat = dateFormat == null ? null : DateTimeFormatter.ofPattern(dateFormat).withZone(zone);
    }

    /** Writes {@code v} of {@code type} as a JSON value. */
    void writeJson(JsonGenerator g, Object v, DataType type) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (type.kind() == DataType.Kind.JSON && v instanceof String s) {
            g.writeTree(mapper.readTree(s));
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof float[] f) {
            g.writeStartArray();
            for (float x : f) {
                g.writeNumber(x);
            }
            g.writeEndArray();
        } else if (v instanceof SparseVector s) {
            g.writeStartObject();
            g.writeArrayFieldStart("indices");
            for (int i = 0; i < s.size(); i++) {
                g.writeNumber(s.index(i));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("values");
            for (int i = 0; i < s.size(); i++) {
                g.writeNumber(s.value(i));
            }
            g.writeEndArray();
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            DataType element = type.elementType() == null ? DataType.STRING : type.elementType();
            g.writeStartArray();
            for (Object e : list) {
                writeJson(g, e, element);
            }
            g.writeEndArray();
        } else {
            g.writeString(text(v, type));
        }
    }

    /** The text of a non-null value in csv/text files. */
    String text(Object v, DataType type) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Instant i) {
            return dateFormat == null ? i.toString() : dateFormat.format(i);
        }
        if (v instanceof LocalDate d) {
            return dateFormat == null ? d.toString() : dateFormat.format(d);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof float[] || v instanceof SparseVector || v instanceof List<?>) {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = mapper.getFactory().createGenerator(w)) {
                writeJson(g, v, type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return w.toString();
        }
        return String.valueOf(v);
    }
}
