package io.vectorsync.reader.stream;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Turns the {@code column} list into the schema and the one constant record every slice emits. */
final class StreamColumns {
    static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd HH:mm:ss";
    private static final Set<String> KEYS = Set.of("type", "value", "dateFormat", "name");

    private final Schema schema;
    private final Row record;

    private StreamColumns(Schema schema, Row record) {
        this.schema = schema;
        this.record = record;
    }

    Schema schema() {
        return schema;
    }

    Row record() {
        return record;
    }

    /** Parses {@code column}; every problem is a PluginException naming {@code column[i]} and the step. */
    static StreamColumns parse(String stepName, List<Object> columns, ZoneId zone) {
        Objects.requireNonNull(columns, "columns is null");
        if (columns.isEmpty()) {
            throw bad(stepName, "column", "is empty; give at least one {\"type\": ..., \"value\": ...}");
        }
        Schema.Builder schema = Schema.builder();
        Object[] values = new Object[columns.size()];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String at = "column[" + i + "]";
            if (!(columns.get(i) instanceof Map<?, ?> entry)) {
                throw bad(stepName, at, "must be an object {\"type\": ..., \"value\": ...}, was " + columns.get(i));
            }
            for (Object key : entry.keySet()) {
                if ("random".equals(key)) {
                    throw bad(stepName, at + ".random", "random values are not supported; give a constant \"value\"");
                }
                if (!KEYS.contains(String.valueOf(key))) {
                    throw bad(stepName, at + "." + key, "unknown key; known keys: " + KEYS);
                }
            }
            String name = entry.get("name") == null ? "col" + i : String.valueOf(entry.get("name"));
            if (name.isEmpty() || !names.add(name)) {
                throw bad(stepName, at + ".name", name.isEmpty() ? "is empty" : "\"" + name + "\" is used twice");
            }
            String type = entry.get("type") == null ? "string" : String.valueOf(entry.get("type")).trim()
                    .toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                type = "string";
            }
            if (!entry.containsKey("value")) {
                throw bad(stepName, at + ".value", "required key is missing (the constant this column holds)");
            }
            Object raw = entry.get("value");
            String format = entry.get("dateFormat") == null ? DEFAULT_DATE_FORMAT
                    : String.valueOf(entry.get("dateFormat"));
            DataType dataType;
            Object value;
            try {
                switch (type) {
                    case "long" -> {
                        dataType = DataType.INT64;
                        value = raw == null ? null : toLong(raw);
                    }
                    case "double" -> {
                        dataType = DataType.FLOAT64;
                        value = raw == null ? null : (raw instanceof Number n ? n.doubleValue()
                                : Double.parseDouble(raw.toString().trim()));
                    }
                    case "string" -> {
                        dataType = DataType.STRING;
                        value = raw == null ? null : raw.toString();
                    }
                    case "bool", "boolean" -> {
                        dataType = DataType.BOOLEAN;
                        value = raw == null ? null : toBoolean(raw);
                    }
                    case "date" -> {
                        dataType = DataType.TIMESTAMP;
                        value = raw == null ? null : toInstant(raw.toString(), format, zone);
                    }
                    case "bytes" -> {
                        dataType = DataType.BYTES;
                        value = raw == null ? null : raw.toString().getBytes(StandardCharsets.UTF_8);
                    }
                    default -> throw bad(stepName, at + ".type", "unsupported type \"" + entry.get("type")
                            + "\"; use one of long, double, string, bool, date, bytes");
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw bad(stepName, at + ".value", "\"" + raw + "\" is not a valid " + type
                        + ("date".equals(type) ? " for dateFormat \"" + format + "\"" : "") + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw bad(stepName, at + ".value", e.getMessage());
            }
            schema.field(name, dataType);
            values[i] = value;
        }
        Schema s = schema.build();
        return new StreamColumns(s, Row.wrap(s, values));
    }

    private static long toLong(Object raw) {
        if (raw instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new NumberFormatException("not a whole number");
            }
            return n.longValue();
        }
        return Long.parseLong(raw.toString().trim());
    }

    private static boolean toBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = raw.toString().trim();
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("\"" + raw + "\" is not a bool; use true or false");
    }

    /** Parses {@code text} with the pattern; a pattern without time of day gives midnight in {@code zone}. */
    static Instant toInstant(String text, String pattern, ZoneId zone) {
        DateTimeFormatter formatter;
        try {
            formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dateFormat \"" + pattern + "\" is not a valid pattern: " + e.getMessage());
        }
        TemporalAccessor t = formatter.parseBest(text.trim(), ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (t instanceof LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        return ((LocalDate) t).atStartOfDay(zone).toInstant();
    }

    private static PluginException bad(String stepName, String key, String problem) {
        return new PluginException(StreamErrorCode.BAD_COLUMN, "step \"" + stepName + "\": \"" + key + "\": " + problem);
    }
}
