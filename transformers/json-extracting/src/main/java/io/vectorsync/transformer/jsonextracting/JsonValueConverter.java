package io.vectorsync.transformer.jsonextracting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.record.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts a value found at a JSON path (Jackson's Java view: Map, List, String, Integer/Long/BigInteger,
 * BigDecimal, Boolean) to the Java value of the target column's type. Rules in the README.
 */
final class JsonValueConverter {
    private final ObjectMapper mapper;

    JsonValueConverter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Object convert(Object value, DataType type) throws ExtractionFailure {
        try {
            return switch (type.kind()) {
                case STRING -> value instanceof String s ? s : scalarOrJson(value);
                case JSON -> mapper.writeValueAsString(value);
                case INT64 -> toLong(value);
                case FLOAT64 -> toDouble(value);
                case BOOLEAN -> toBoolean(value);
                case DECIMAL -> toDecimal(value);
                case DATE -> toDate(value);
                case TIMESTAMP -> toTimestamp(value);
                default -> throw new IllegalStateException("unsupported type " + type);
            };
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            throw cannot(value, type);
        } catch (JsonProcessingException e) {
            throw new ExtractionFailure(JsonExtractingErrorCode.CONVERSION_FAILED, "cannot write the value as JSON: "
                    + e.getOriginalMessage());
        }
    }

    private String scalarOrJson(Object value) throws JsonProcessingException {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return mapper.writeValueAsString(value);
        }
        return value.toString();
    }

    private Long toLong(Object value) throws ExtractionFailure {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (value instanceof BigDecimal d) {
            return d.longValueExact();
        }
        if (value instanceof Double d) {
            return new BigDecimal(d.toString()).longValueExact();
        }
        if (value instanceof String s) {
            return new BigDecimal(s.trim()).longValueExact();
        }
        throw cannot(value, DataType.INT64);
    }

    private Double toDouble(Object value) throws ExtractionFailure {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            return Double.parseDouble(s.trim());
        }
        throw cannot(value, DataType.FLOAT64);
    }

    private Boolean toBoolean(Object value) throws ExtractionFailure {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.valueOf(t);
            }
        }
        throw cannot(value, DataType.BOOLEAN);
    }

    private BigDecimal toDecimal(Object value) throws ExtractionFailure {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Number || value instanceof String) {
            return new BigDecimal(value.toString().trim());
        }
        throw cannot(value, DataType.DECIMAL);
    }

    private LocalDate toDate(Object value) throws ExtractionFailure {
        if (value instanceof String s) {
            String t = s.trim();
            if (t.length() > 10 && (t.charAt(10) == 'T' || t.charAt(10) == ' ')) {
                t = t.substring(0, 10);
            }
            return LocalDate.parse(t);
        }
        throw cannot(value, DataType.DATE);
    }

    private Instant toTimestamp(Object value) throws ExtractionFailure {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return Instant.ofEpochMilli(((Number) value).longValue());
        }
        if (value instanceof String s) {
            String t = s.trim();
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Instant.parse(t.replace(' ', 'T'));
            }
            try {
                return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            }
        }
        throw cannot(value, DataType.TIMESTAMP);
    }

    private ExtractionFailure cannot(Object value, DataType type) {
        String shown = value instanceof String s ? "\"" + abbreviate(s) + "\"" : abbreviate(String.valueOf(value));
        return new ExtractionFailure(JsonExtractingErrorCode.CONVERSION_FAILED, "value " + shown + " is not a valid "
                + type.toString().toUpperCase(Locale.ROOT).replace("INT64", "LONG").replace("FLOAT64", "DOUBLE"));
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
