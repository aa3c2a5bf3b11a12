package io.vectorsync.writer.hologres;

import io.vectorsync.api.record.SparseVector;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Converts record values to the Java value for a column's type (Long for int2/4/8, float[] for float4[]…).
 * Throws {@link IllegalArgumentException} naming the problem when a value does not fit.
 */
final class HoloValues {
    private HoloValues() {
    }

    static Object normalize(Object v, HoloColumn c) {
        if (v == null) {
            return null;
        }
        return switch (c.typeName()) {
            case "bool" -> toBool(v);
            case "int2" -> toLong(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case "int4" -> toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "int8" -> toLong(v, Long.MIN_VALUE, Long.MAX_VALUE);
            case "float4", "float8" -> toDouble(v);
            case "numeric" -> v instanceof BigDecimal d ? d : new BigDecimal(v.toString().trim());
            case "json", "jsonb" -> v instanceof String s ? s : toJson(v);
            case "bytea" -> v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8);
            case "date" -> v instanceof LocalDate d ? d : LocalDate.parse(v.toString().trim());
            case "timestamp", "timestamptz" -> toInstant(v);
            case "_float4", "_float8" -> toFloats(v, c.dimension());
            default -> {
                if (c.typeName().startsWith("_")) {
                    if (v instanceof List<?> list) {
                        yield list;
                    }
                    yield v.toString();
                }
                yield v instanceof String s ? s : toText(v);
            }
        };
    }

    private static String toText(Object v) {
        if (v instanceof float[] || v instanceof SparseVector || v instanceof List<?> || v instanceof Map<?, ?>) {
            return toJson(v);
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        return v.toString();
    }

    static Boolean toBool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "t", "1", "yes" -> Boolean.TRUE;
            case "false", "f", "0", "no" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("\"" + s + "\" is not a boolean");
        };
    }

    static Long toLong(Object v, long min, long max) {
        long l;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            l = ((Number) v).longValue();
        } else {
            try {
                l = (v instanceof BigDecimal d ? d : new BigDecimal(v.toString().trim())).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("\"" + v + "\" is not a whole number");
            }
        }
        if (l < min || l > max) {
            throw new IllegalArgumentException(l + " is out of range [" + min + ", " + max + "]");
        }
        return l;
    }

    static Double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + v + "\" is not a number");
        }
    }

    static Instant toInstant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        String s = v.toString().trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            try {
                return java.time.LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (RuntimeException e2) {
                throw new IllegalArgumentException("\"" + s + "\" is not a timestamp");
            }
        }
    }

    static float[] toFloats(Object v, int dimension) {
        float[] f;
        if (v instanceof float[] a) {
            f = a;
        } else if (v instanceof List<?> list) {
            f = new float[list.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = toDouble(list.get(i)).floatValue();
            }
        } else {
            String s = v.toString().trim();
            if (s.length() < 2 || !((s.startsWith("[") && s.endsWith("]")) || (s.startsWith("{") && s.endsWith("}")))) {
                throw new IllegalArgumentException("\"" + shorten(s) + "\" is not a vector like [0.1, 0.2]");
            }
            String body = s.substring(1, s.length() - 1).trim();
            String[] parts = body.isEmpty() ? new String[0] : body.split(",");
            f = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    f[i] = Float.parseFloat(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("\"" + shorten(s) + "\" is not a vector like [0.1, 0.2]");
                }
            }
        }
        if (dimension > 0 && f.length != dimension) {
            throw new IllegalArgumentException("vector has " + f.length + " dimensions, the column has " + dimension);
        }
        return f;
    }

    /** Minimal JSON rendering of record values (lists, maps, vectors, strings, numbers, booleans). */
    static String toJson(Object v) {
        StringBuilder sb = new StringBuilder();
        appendJson(sb, v);
        return sb.toString();
    }

    private static void appendJson(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean || v instanceof Number) {
            sb.append(v);
        } else if (v instanceof float[] f) {
            sb.append('[');
            for (int i = 0; i < f.length; i++) {
                sb.append(i > 0 ? "," : "").append(f[i]);
            }
            sb.append(']');
        } else if (v instanceof SparseVector s) {
            // {"<index>": weight}: the documented sparse encoding (jsonb); JSON has no NaN or infinity
            sb.append('{');
            for (int i = 0; i < s.size(); i++) {
                if (!Float.isFinite(s.value(i))) {
                    throw new IllegalArgumentException("sparse vector holds " + s.value(i) + " at index "
                            + Integer.toUnsignedString(s.index(i)) + ", which JSON cannot store");
                }
                sb.append(i > 0 ? "," : "").append('"').append(Integer.toUnsignedString(s.index(i))).append("\":")
                        .append(s.value(i));
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i > 0 ? "," : "");
                appendJson(sb, list.get(i));
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                appendString(sb, String.valueOf(e.getKey()));
                sb.append(':');
                appendJson(sb, e.getValue());
            }
            sb.append('}');
        } else {
            appendString(sb, v instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : v.toString());
        }
    }

    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
