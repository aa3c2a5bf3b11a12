package io.vectorsync.reader.localfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.record.DataType;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Converts text (and JSON values) to the Java value of a field type. A value that does not convert throws an
 * {@link IllegalArgumentException} whose message names the value and the type; the caller adds file, line and
 * column.
 */
final class LocalFileValues {
    /** {@code 2024-01-31 10:00:00}, {@code 2024-01-31T10:00:00.123}. */
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter(Locale.ROOT);

    private final ObjectMapper mapper;
    private final ZoneId zone;
    private final Charset charset;

    LocalFileValues(ObjectMapper mapper, ZoneId zone, Charset charset) {
        this.mapper = mapper;
        this.zone = zone;
        this.charset = charset;
    }

    /** Converts {@code text}; a blank text of a non-string type is null, as in DataX. */
    Object convert(String text, DataType type, DateTimeFormatter format) {
        if (type.kind() != DataType.Kind.STRING && type.kind() != DataType.Kind.BYTES && text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            return switch (type.kind()) {
                case STRING -> text;
                case BYTES -> text.getBytes(charset);
                case INT64 -> Long.parseLong(t);
                case FLOAT64 -> Double.parseDouble(t);
                case DECIMAL -> new BigDecimal(t);
                case BOOLEAN -> parseBoolean(t);
                case DATE -> format == null ? LocalDate.parse(t) : LocalDate.parse(t, format);
                case TIMESTAMP -> toInstant(t, format);
                case JSON -> {
                    mapper.readTree(t); // validates
                    yield t;
                }
                default -> throw new IllegalArgumentException("type " + type + " cannot be read from text");
            };
        } catch (NumberFormatException | DateTimeParseException | JsonProcessingException e) {
            throw new IllegalArgumentException("\"" + abbreviate(text) + "\" is not a valid " + type
                    + (format != null ? " for the given format" : "") + detail(e), e);
        }
    }

    /** Converts a top-level value of a JSON line; null and missing are null, containers are JSON text. */
    Object convert(JsonNode node, DataType type, DateTimeFormatter format, String nullFormat) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual() && node.textValue().equals(nullFormat)) {
            return null;
        }
        switch (type.kind()) {
            case JSON:
                return node.toString();
            case STRING:
                return node.isValueNode() ? node.asText() : node.toString();
            case INT64:
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return node.longValue();
                }
                break;
            case FLOAT64:
                if (node.isNumber()) {
                    return node.doubleValue();
                }
                break;
            case DECIMAL:
                if (node.isNumber()) {
                    return node.decimalValue();
                }
                break;
            case BOOLEAN:
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                break;
            default:
                break;
        }
        if (node.isTextual()) {
            return convert(node.textValue(), type, format);
        }
        throw new IllegalArgumentException(abbreviate(node.toString()) + " is not a valid " + type);
    }

    private Instant toInstant(String t, DateTimeFormatter format) {
        TemporalAccessor parsed = (format == null ? LOCAL_DATE_TIME : format)
                .parseBest(t, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        if (parsed instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (parsed instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (parsed instanceof LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
    }

    private static boolean parseBoolean(String t) {
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new NumberFormatException("use true or false");
    }

    private static String detail(Exception e) {
        if (e instanceof JsonProcessingException j) {
            return ": " + j.getOriginalMessage();
        }
        return e instanceof NumberFormatException && "use true or false".equals(e.getMessage()) ? "; use true or false" : "";
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
