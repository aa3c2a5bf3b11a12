package io.vectorsync.reader.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.record.DataType;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Converts field values to the {@link DataType} a column asks for: text from text/csv files, and the natural
 * values of ORC/Parquet columns. A value that does not convert throws {@link ConversionException} with a message
 * for the dirty record.
 */
public final class FileValues {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SPACE_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");

    private FileValues() {
    }

    /** A value that could not be converted; the message names the value and the type. */
    public static final class ConversionException extends Exception {
        ConversionException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Converts {@code text} to {@code type}. An empty text is null for every type but string, json and bytes.
     * Leading/trailing blanks are ignored for numbers, booleans and dates.
     */
    public static Object fromText(String text, DataType type, DateTimeFormatter format, Charset charset)
            throws ConversionException {
        if (text == null) {
            return null;
        }
        DataType.Kind kind = type.kind();
        if (kind == DataType.Kind.STRING) {
            return text;
        }
        if (kind == DataType.Kind.BYTES) {
            return text.getBytes(charset);
        }
        String t = text.trim();
        if (t.isEmpty() && kind != DataType.Kind.JSON) {
            return null;
        }
        try {
            switch (kind) {
                case INT64:
                    try {
                        return Long.parseLong(t);
                    } catch (NumberFormatException e) {
                        return new BigDecimal(t).longValueExact();
                    }
                case FLOAT64:
                    return Double.parseDouble(t);
                case DECIMAL:
                    return new BigDecimal(t);
                case BOOLEAN:
                    return parseBoolean(t);
                case DATE:
                    return parseDate(t, format);
                case TIMESTAMP:
                    return parseTimestamp(t, format);
                case JSON:
                    JSON.readTree(text);
                    if (t.isEmpty()) {
                        throw new ConversionException("empty text is not JSON");
                    }
                    return text;
                default:
                    throw new ConversionException("type " + type + " cannot be read from text");
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException | JsonProcessingException e) {
            throw new ConversionException("cannot convert \"" + abbreviate(text) + "\" to " + typeName(type)
                    + (format != null && (kind == DataType.Kind.DATE || kind == DataType.Kind.TIMESTAMP)
                    ? " with format " + format : "") + ": " + firstLine(e.getMessage()));
        }
    }

    /**
     * Converts a value read from an ORC/Parquet file (already of {@code natural}'s Java class) to {@code target}.
     * Numbers convert between long, double and decimal when no precision is lost; anything converts to string;
     * strings are parsed like text.
     */
    public static Object fromNatural(Object value, DataType natural, DataType target, DateTimeFormatter format)
            throws ConversionException {
        if (value == null || natural.equals(target)) {
            return value;
        }
        try {
            switch (target.kind()) {
                case STRING:
                    return toText(value);
                case JSON:
                    return value instanceof String s ? fromText(s, target, format, StandardCharsets.UTF_8)
                            : JSON.writeValueAsString(jsonValue(value));
                case INT64:
                    if (value instanceof Number n) {
                        return n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue())
                                .longValueExact() : n instanceof BigDecimal d ? d.longValueExact() : n.longValue();
                    }
                    break;
                case FLOAT64:
                    if (value instanceof Number n) {
                        return n.doubleValue();
                    }
                    break;
                case DECIMAL:
                    if (value instanceof Number n) {
                        return n instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(n.toString());
                    }
                    break;
                case BOOLEAN:
                    if (value instanceof Long l && (l == 0 || l == 1)) {
                        return l == 1;
                    }
                    break;
                case DATE:
                    if (value instanceof Instant i) {
                        return LocalDate.ofInstant(i, ZoneOffset.UTC);
                    }
                    break;
                case TIMESTAMP:
                    if (value instanceof LocalDate d) {
                        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
                    }
                    break;
                case BYTES:
                    if (value instanceof String s) {
                        return s.getBytes(StandardCharsets.UTF_8);
                    }
                    break;
                default:
                    break;
            }
        } catch (ArithmeticException | NumberFormatException | JsonProcessingException e) {
            throw new ConversionException("cannot convert " + abbreviate(toText(value)) + " (" + typeName(natural)
                    + ") to " + typeName(target) + ": " + firstLine(e.getMessage()));
        }
        if (value instanceof String s) {
            return fromText(s, target, format, StandardCharsets.UTF_8);
        }
        throw new ConversionException("cannot convert " + abbreviate(toText(value)) + " (" + typeName(natural)
                + ") to " + typeName(target));
    }

    /** The value as text: ISO-8601 for dates and timestamps, base64 for bytes, JSON for lists. */
    public static String toText(Object value) {
        if (value instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof List<?> list) {
            try {
                return JSON.writeValueAsString(jsonValue(list));
            } catch (JsonProcessingException e) {
                return list.toString();
            }
        }
        return String.valueOf(value);
    }

    /** A value Jackson writes as the JSON one would expect: dates and timestamps as ISO strings. */
    public static Object jsonValue(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(FileValues::jsonValue).toList();
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, jsonValue(v)));
            return out;
        }
        if (value instanceof Instant || value instanceof LocalDate) {
            return value.toString();
        }
        return value;
    }

    private static Boolean parseBoolean(String t) throws ConversionException {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "t": case "y": case "yes": return Boolean.TRUE;
            case "false": case "0": case "f": case "n": case "no": return Boolean.FALSE;
            default: throw new ConversionException("cannot convert \"" + abbreviate(t)
                    + "\" to boolean: use true/false, 1/0 or yes/no");
        }
    }

    private static LocalDate parseDate(String t, DateTimeFormatter format) {
        if (format != null) {
            TemporalAccessor parsed = format.parse(t);
            return LocalDate.from(parsed);
        }
        if (t.length() > 10 && (t.charAt(10) == ' ' || t.charAt(10) == 'T')) {
            return LocalDate.parse(t.substring(0, 10));
        }
        return LocalDate.parse(t);
    }

    /**
     * Timestamps: with a format, a local date-time in UTC (or an offset if the pattern has one); without, ISO-8601
     * with offset or Z, "yyyy-MM-dd HH:mm:ss[.fraction]" or "yyyy-MM-ddTHH:mm:ss" as UTC, a date as its UTC
     * midnight, or epoch milliseconds.
     */
    private static Instant parseTimestamp(String t, DateTimeFormatter format) {
        if (format != null) {
            TemporalAccessor parsed = format.parse(t);
            if (parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(parsed).toInstant();
            }
            if (!parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) {
                return LocalDate.from(parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        }
        if (t.chars().allMatch(Character::isDigit) || (t.startsWith("-") && t.length() > 1
                && t.substring(1).chars().allMatch(Character::isDigit))) {
            return Instant.ofEpochMilli(Long.parseLong(t));
        }
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
            return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
        }
        if (t.length() > 10 && t.charAt(10) == 'T') {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        }
        return LocalDateTime.parse(t, SPACE_DATE_TIME).toInstant(ZoneOffset.UTC);
    }

    public static String typeName(DataType type) {
        return switch (type.kind()) {
            case INT64 -> "long";
            case FLOAT64 -> "double";
            default -> type.toString().toLowerCase(Locale.ROOT);
        };
    }

    public static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "… (" + s.length() + " chars)";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
