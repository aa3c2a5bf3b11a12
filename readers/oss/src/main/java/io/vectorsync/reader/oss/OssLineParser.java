package io.vectorsync.reader.oss;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.record.DataType;
import io.vectorsync.reader.text.TextFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Turns one decoded line into the values of the configured columns, per {@code fileFormat}. Not thread-safe. */
final class OssLineParser {
    /** A line that cannot become a record; goes to the dirty records. */
    static final class BadLine extends Exception {
        private final ErrorCode code;

        BadLine(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        ErrorCode code() {
            return code;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<OssColumn> columns;
    private final String format;
    private final String delimiter;
    private final String nullFormat;
    private final CSVFormat csv;
    private final boolean needsJson;
    private final int maxIndex;

    OssLineParser(List<OssColumn> columns, String format, String delimiter, String nullFormat) {
        this.columns = columns;
        this.format = format;
        this.delimiter = delimiter;
        this.nullFormat = nullFormat;
        this.csv = CSVFormat.RFC4180.builder().setDelimiter(delimiter).build();
        this.needsJson = columns.stream().anyMatch(c -> c.jsonKey() != null);
        this.maxIndex = columns.stream().mapToInt(OssColumn::index).max().orElse(-1);
    }

    boolean isCsv() {
        return format.equals("csv");
    }

    /** For csv: whether the line ends inside a quoted field, so the next line continues it. */
    static boolean insideQuotes(String line) {
        int quotes = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '"') {
                quotes++;
            }
        }
        return (quotes & 1) == 1;
    }

    Object[] parse(String line) throws BadLine {
        Object[] values = new Object[columns.size()];
        if (format.equals("jsonl")) {
            JsonNode node = needsJson ? json(line) : null;
            for (int i = 0; i < values.length; i++) {
                OssColumn c = columns.get(i);
                if (c.isConstant()) {
                    values[i] = c.constant();
                } else if (c.jsonKey() != null) {
                    values[i] = fromJson(node.get(c.jsonKey()), c, i);
                } else {
                    values[i] = convert(line, c, i);
                }
            }
            return values;
        }
        List<String> fields = format.equals("csv") ? csvFields(line) : TextFields.split(line, delimiter);
        if (maxIndex >= fields.size()) {
            throw new BadLine(CommonErrorCode.MALFORMED_RECORD, "the line has " + fields.size() + " field(s) but "
                    + "column index " + maxIndex + " is configured (fieldDelimiter \"" + printable(delimiter) + "\")");
        }
        for (int i = 0; i < values.length; i++) {
            OssColumn c = columns.get(i);
            values[i] = c.isConstant() ? c.constant() : convert(fields.get(c.index()), c, i);
        }
        return values;
    }

    private Object convert(String text, OssColumn c, int position) throws BadLine {
        if (text == null || (nullFormat != null && text.equals(nullFormat))) {
            return null;
        }
        try {
            return OssValues.convert(text, c.type(), c.formatter());
        } catch (IllegalArgumentException e) {
            throw new BadLine(CommonErrorCode.CONVERSION_FAILED, "column[" + position + "] \"" + c.name() + "\": "
                    + e.getMessage());
        }
    }

    private Object fromJson(JsonNode v, OssColumn c, int position) throws BadLine {
        if (v == null || v.isNull()) {
            return null;
        }
        String text = v.isValueNode() && c.type().kind() != DataType.Kind.JSON ? v.asText() : v.toString();
        return convert(text, c, position);
    }

    private static JsonNode json(String line) throws BadLine {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                throw new BadLine(CommonErrorCode.MALFORMED_RECORD, "the line is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadLine(CommonErrorCode.MALFORMED_RECORD, "the line is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private List<String> csvFields(String line) throws BadLine {
        try (CSVParser parser = CSVParser.parse(line, csv)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                return List.of("");
            }
            return it.next().toList();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new BadLine(CommonErrorCode.MALFORMED_RECORD, "the line is not valid CSV: " + e.getMessage());
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            sb.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
        }
        return sb.toString();
    }
}
