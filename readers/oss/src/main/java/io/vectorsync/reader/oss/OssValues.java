package io.vectorsync.reader.oss;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.record.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** Converts field text to the Java value of a column type. Throws IllegalArgumentException with a clear message. */
final class OssValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private OssValues() {
    }

    static Object convert(String text, DataType type, DateTimeFormatter format) {
        switch (type.kind()) {
            case STRING:
                return text;
            case INT64:
                try {
                    return Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    throw bad(text, "long");
                }
            case FLOAT64:
                try {
                    return Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    throw bad(text, "double");
                }
            case DECIMAL:
                try {
                    return new BigDecimal(text.trim());
                } catch (NumberFormatException e) {
                    throw bad(text, "decimal");
                }
            case BOOLEAN: {
                String t = text.trim();
                if (t.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                if (t.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
                throw bad(text, "boolean (true or false)");
            }
            case DATE:
                try {
                    if (format != null) {
                        return LocalDate.from(format.parse(text.trim()));
                    }
                    String t = text.trim();
                    return LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
                } catch (java.time.DateTimeException e) {
                    throw bad(text, "date" + (format == null ? " (yyyy-MM-dd, or give a format)" : " in the column's format"));
                }
            case TIMESTAMP:
                return timestamp(text.trim(), format);
            case JSON:
                try {
                    MAPPER.readTree(text);
                    return text;
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("\"" + abbreviate(text) + "\" is not valid JSON: "
                            + e.getOriginalMessage());
                }
            case BYTES:
                return text.getBytes(StandardCharsets.UTF_8);
            default:
                throw new IllegalStateException("unsupported type " + type);
        }
    }

    private static Instant timestamp(String t, DateTimeFormatter format) {
        try {
            if (format != null) {
                TemporalAccessor ta = format.parse(t);
                return LocalDateTime.from(ta).toInstant(ZoneOffset.UTC);
            }
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(t));
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(t).toInstant();
            }
            if (t.indexOf('T') > 0) {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(t, SPACED).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw bad(t, "timestamp" + (format == null
                    ? " (ISO-8601, yyyy-MM-dd HH:mm:ss (UTC) or epoch milliseconds, or give a format)"
                    : " in the column's format"));
        }
    }

    private static IllegalArgumentException bad(String text, String what) {
        return new IllegalArgumentException("\"" + abbreviate(text) + "\" is not a " + what);
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…(" + s.length() + " chars)";
    }
}
