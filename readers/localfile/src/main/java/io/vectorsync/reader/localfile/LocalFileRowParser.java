package io.vectorsync.reader.localfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.DirtyRecordReporter;
import io.vectorsync.reader.text.TextFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Turns one logical record (a line; for csv, the lines of a record with quoted line breaks) into the values of
 * the columns. Anything wrong with the record is reported dirty, naming file and line, and {@code null} returned.
 */
final class LocalFileRowParser {
    private final String format;
    private final String delimiter;
    private final String nullFormat;
    private final List<LocalFileColumn> columns;
    private final int exactWidth;
    private final boolean needsJson;
    private final int maxIndex;
    private final LocalFileValues values;
    private final ObjectMapper mapper;
    private final CSVFormat csv;

    /**
     * @param exactWidth for {@code ["*"]} in csv/text: the number of fields every record must have; else -1
     */
    LocalFileRowParser(String format, String delimiter, String nullFormat, List<LocalFileColumn> columns,
                       int exactWidth, LocalFileValues values, ObjectMapper mapper) {
        this.format = format;
        this.delimiter = delimiter;
        this.nullFormat = nullFormat;
        this.columns = List.copyOf(columns);
        this.exactWidth = exactWidth;
        this.values = values;
        this.mapper = mapper;
        this.needsJson = columns.stream().anyMatch(c -> c.key() != null);
        this.maxIndex = columns.stream().mapToInt(LocalFileColumn::index).max().orElse(-1);
        this.csv = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setRecordSeparator("\n").build();
    }

    boolean isCsv() {
        return "csv".equals(format);
    }

    /** The fields of a csv or text record; throws IllegalArgumentException when the record is malformed. */
    String[] split(String text) {
        if (!isCsv()) {
            return TextFields.split(text, delimiter).toArray(new String[0]);
        }
        try (CSVParser parser = CSVParser.parse(text, csv)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                return new String[] {""};
            }
            String[] fields = it.next().values();
            if (it.hasNext()) {
                throw new IllegalArgumentException("more than one CSV record in one logical line");
            }
            return fields;
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("malformed CSV: " + cause.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed CSV: " + e.getMessage(), e);
        }
    }

    /** The JSON object of a jsonl line; throws IllegalArgumentException when it is not one. */
    JsonNode object(String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object (columns read top-level keys)");
        }
        return node;
    }

    /** The values of {@code text}, or null after reporting it dirty. */
    Object[] parse(String text, String where, DirtyRecordReporter dirty) {
        Object[] out = new Object[columns.size()];
        String[] fields = null;
        JsonNode json = null;
        try {
            if ("jsonl".equals(format)) {
                if (needsJson) {
                    json = object(text);
                }
            } else {
                fields = split(text);
                if (exactWidth >= 0 && fields.length != exactWidth) {
                    dirty.reportRaw(LocalFileValues.abbreviate(text), CommonErrorCode.MALFORMED_RECORD, where + ": "
                            + fields.length + " fields, but the first record has " + exactWidth + " (column [\"*\"])");
                    return null;
                }
                if (maxIndex >= fields.length) {
                    LocalFileColumn c = columns.stream().filter(x -> x.index() >= maxIndex).findFirst().orElseThrow();
                    dirty.reportRaw(LocalFileValues.abbreviate(text), CommonErrorCode.MALFORMED_RECORD, where
                            + ": too few fields: " + fields.length + ", but column \"" + c.name() + "\" reads index "
                            + c.index() + " (field " + (c.index() + 1) + ")");
                    return null;
                }
            }
        } catch (IllegalArgumentException e) {
            dirty.reportRaw(LocalFileValues.abbreviate(text), CommonErrorCode.MALFORMED_RECORD, where + ": "
                    + e.getMessage());
            return null;
        }
        for (int i = 0; i < out.length; i++) {
            LocalFileColumn c = columns.get(i);
            try {
                if (c.constant()) {
                    out[i] = c.value();
                } else if (c.key() != null) {
                    out[i] = values.convert(json.get(c.key()), c.type(), c.format(), nullFormat);
                } else {
                    String v = fields == null ? text : fields[c.index()];
                    out[i] = v.equals(nullFormat) ? null : values.convert(v, c.type(), c.format());
                }
            } catch (IllegalArgumentException e) {
                dirty.reportRaw(LocalFileValues.abbreviate(text), CommonErrorCode.CONVERSION_FAILED, where
                        + ": column \"" + c.name() + "\"" + (c.key() != null ? "" : " (index " + c.index() + ")")
                        + ": " + e.getMessage());
                return null;
            }
        }
        return out;
    }
}
