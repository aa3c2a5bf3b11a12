package io.vectorsync.reader.odps;

import com.aliyun.odps.OdpsType;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Record;
import io.vectorsync.api.record.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;

/** MaxCompute types and values to vectorsync's. */
final class OdpsValues {
    private OdpsValues() {
    }

    /** The natural vectorsync type of a MaxCompute type (complex types become JSON-like text). */
    static DataType typeOf(OdpsType t) {
        return switch (t) {
            case BIGINT, INT, SMALLINT, TINYINT -> DataType.INT64;
            case DOUBLE, FLOAT -> DataType.FLOAT64;
            case DECIMAL -> DataType.DECIMAL;
            case BOOLEAN -> DataType.BOOLEAN;
            case DATETIME, TIMESTAMP, TIMESTAMP_NTZ -> DataType.TIMESTAMP;
            case DATE -> DataType.DATE;
            case BINARY -> DataType.BYTES;
            case JSON -> DataType.JSON;
            default -> DataType.STRING;
        };
    }

    /** Column {@code i} of {@code r} as the natural Java value of its type. */
    static Object natural(Record r, int i, OdpsType t) {
        Object v = r.get(i);
        if (v == null) {
            return null;
        }
        return switch (t) {
            case STRING -> r.getString(i);
            case BIGINT, INT, SMALLINT, TINYINT -> ((Number) v).longValue();
            case DOUBLE, FLOAT -> ((Number) v).doubleValue();
            case DATETIME -> v instanceof java.util.Date d ? d.toInstant()
                    : v instanceof ZonedDateTime z ? z.toInstant() : v;
            case TIMESTAMP -> v instanceof java.sql.Timestamp ts ? ts.toInstant()
                    : v instanceof Instant ? v : v;
            case TIMESTAMP_NTZ -> v instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC) : v;
            case DATE -> v instanceof java.sql.Date d ? d.toLocalDate() : v;
            case BINARY -> v instanceof Binary b ? b.data() : v;
            case JSON -> v.toString();
            default -> v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v.toString();
        };
    }

    /** Converts a natural value to {@code target}; IllegalArgumentException when it cannot. */
    static Object convert(Object v, DataType target) {
        if (v == null) {
            return null;
        }
        switch (target.kind()) {
            case STRING:
            case JSON:
                if (v instanceof byte[] b) {
                    return new String(b, StandardCharsets.UTF_8);
                }
                if (v instanceof BigDecimal d) {
                    return d.toPlainString();
                }
                return v.toString();
            case INT64:
                if (v instanceof Number n) {
                    if (v instanceof Double d && d != Math.rint(d)) {
                        throw new IllegalArgumentException(v + " is not a whole number");
                    }
                    return n.longValue();
                }
                return Long.parseLong(v.toString().trim());
            case FLOAT64:
                return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
            case DECIMAL:
                return v instanceof BigDecimal ? v : new BigDecimal(v.toString().trim());
            case BOOLEAN:
                if (v instanceof Boolean) {
                    return v;
                }
                String s = v.toString().trim();
                if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(s);
                }
                throw new IllegalArgumentException("\"" + s + "\" is not a boolean");
            case TIMESTAMP:
                if (v instanceof Instant) {
                    return v;
                }
                if (v instanceof LocalDate d) {
                    return d.atStartOfDay().toInstant(ZoneOffset.UTC);
                }
                return Instant.parse(v.toString().trim());
            case DATE:
                if (v instanceof LocalDate) {
                    return v;
                }
                if (v instanceof Instant i) {
                    return LocalDate.ofInstant(i, ZoneOffset.UTC);
                }
                return LocalDate.parse(v.toString().trim());
            case BYTES:
                if (v instanceof byte[]) {
                    return v;
                }
                return v.toString().getBytes(StandardCharsets.UTF_8);
            default:
                throw new IllegalArgumentException("cannot read a MaxCompute value as " + target);
        }
    }

    static String display(Object v) {
        return v instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : String.valueOf(v);
    }
}
