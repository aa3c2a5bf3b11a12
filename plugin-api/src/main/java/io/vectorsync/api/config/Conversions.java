package io.vectorsync.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lenient conversion of JSON values to option types: "128" is an int, "true" a boolean, "x" a list of one. */
final class Conversions {
    private Conversions() {
    }

    @SuppressWarnings("unchecked")
    static <T> T convert(Option<T> option, Object raw) {
        return (T) convert(option.type(), raw);
    }

    static Object convert(OptionType type, Object raw) {
        switch (type) {
            case STRING:
                if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
                    return raw.toString();
                }
                throw mismatch(type, raw);
            case SECRET:
                if (raw instanceof Secret) {
                    return raw;
                }
                if (raw instanceof String s) {
                    return Secret.of(s);
                }
                throw new IllegalArgumentException("expected a string");
            case INT: {
                long l = toLong(type, raw);
                if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("expected an int, got " + raw);
                }
                return (int) l;
            }
            case LONG:
                return toLong(type, raw);
            case DOUBLE:
                if (raw instanceof Number n) {
                    return n.doubleValue();
                }
                if (raw instanceof String s) {
                    try {
                        return Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        throw mismatch(type, raw);
                    }
                }
                throw mismatch(type, raw);
            case BOOLEAN:
                if (raw instanceof Boolean b) {
                    return b;
                }
                if (raw instanceof String s) {
                    if (s.trim().equalsIgnoreCase("true")) {
                        return Boolean.TRUE;
                    }
                    if (s.trim().equalsIgnoreCase("false")) {
                        return Boolean.FALSE;
                    }
                }
                throw mismatch(type, raw);
            case STRING_LIST: {
                if (raw instanceof String s) {
                    return List.of(s);
                }
                if (raw instanceof List<?> list) {
                    List<String> out = new ArrayList<>(list.size());
                    for (Object e : list) {
                        if (e instanceof String || e instanceof Number || e instanceof Boolean) {
                            out.add(e.toString());
                        } else {
                            throw new IllegalArgumentException("expected a list of strings, found element " + e);
                        }
                    }
                    return List.copyOf(out);
                }
                throw mismatch(type, raw);
            }
            case LIST:
                if (raw instanceof List<?>) {
                    return raw;
                }
                throw mismatch(type, raw);
            case OBJECT:
                if (raw instanceof Map<?, ?>) {
                    return raw;
                }
                throw mismatch(type, raw);
            default:
                throw new IllegalStateException("unhandled type " + type);
        }
    }

    private static long toLong(OptionType type, Object raw) {
        if (raw instanceof Number n) {
            if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
                return n.longValue();
            }
            // BigInteger, BigDecimal, Double: longValue() would silently wrap or clamp what does not fit
            try {
                return new java.math.BigDecimal(raw.toString()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                double d = n.doubleValue();
                throw new IllegalArgumentException(d == Math.rint(d) && !Double.isInfinite(d)
                        ? "expected a whole number within the range of a " + type.displayName() + ", got " + raw
                        : "expected a whole number, got " + raw);
            }
        }
        if (raw instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw mismatch(type, raw);
            }
        }
        throw mismatch(type, raw);
    }

    private static IllegalArgumentException mismatch(OptionType type, Object raw) {
        String shown = raw instanceof String ? "\"" + raw + "\"" : String.valueOf(raw);
        return new IllegalArgumentException("expected " + article(type) + " " + type.displayName()
                + ", got " + shown);
    }

    private static String article(OptionType type) {
        return type == OptionType.INT || type == OptionType.OBJECT ? "an" : "a";
    }
}
