package io.vectorsync.core.datax;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * One of DataX's column functions ({@code dx_substr}, {@code dx_pad}, {@code dx_replace}, {@code dx_filter},
 * {@code dx_digest}) with its {@code paras} checked, applied to one value as DataX's transformers do (see DataX's
 * transformer.md): the value is taken as a string ({@code asString}), the result is a string, and a null is
 * skipped, padded or hashed as DataX does. {@link #FILTERED} means the row is dropped.
 */
abstract class DataxFunction {
    /** Returned by {@link #apply} when the row is to be filtered out. */
    static final Object FILTERED = new Object();
    private static final DateTimeFormatter DATAX_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The result for {@code value} of a field of {@code type}; IllegalArgumentException makes the row dirty. */
    abstract Object apply(Object value, DataType type);

    /** Whether the field becomes a string (every function but {@code dx_filter}). */
    boolean producesString() {
        return true;
    }

    /**
     * {@code dx_substr} and {@code dx_replace}: a null stays null, a {@code startIndex} past the end makes the row
     * dirty, otherwise {@code op} edits the string.
     */
    private static DataxFunction fromIndex(String name, int start, UnaryOperator<String> op) {
        return new DataxFunction() {
            @Override
            Object apply(Object value, DataType type) {
                String s = asString(value);
                if (s == null) {
                    return null;
                }
                if (start > s.length()) {
                    throw new IllegalArgumentException(name + " startIndex(" + start + ") out of range(" + s.length()
                            + ")");
                }
                return op.apply(s);
            }
        };
    }

    static DataxFunction of(String name, List<String> paras) {
        return switch (name) {
            case "dx_substr" -> {
                count(paras, 2, "startIndex, length");
                int start = whole(paras, 0);
                int length = whole(paras, 1);
                yield fromIndex("dx_substr", start, s -> s.substring(start, Math.min(s.length(), start + length)));
            }
            case "dx_pad" -> {
                count(paras, 3, "\"l\" or \"r\", length, padString");
                String side = paras.get(0);
                if (!side.equalsIgnoreCase("l") && !side.equalsIgnoreCase("r")) {
                    throw PluginException.config("paras", "dx_pad: the first of paras must be \"l\" or \"r\", was \""
                            + side + "\"");
                }
                int length = whole(paras, 1);
                String pad = paras.get(2);
                if (pad.isEmpty()) {
                    throw PluginException.config("paras", "dx_pad: the pad string must not be empty");
                }
                yield new DataxFunction() {
                    @Override
                    Object apply(Object value, DataType type) {
                        String s = asString(value);
                        s = s == null ? "" : s;
                        if (length <= s.length()) {
                            return s.substring(0, length);
                        }
                        String padding = pad.repeat((length - s.length()) / pad.length() + 1)
                                .substring(0, length - s.length());
                        return side.equalsIgnoreCase("l") ? padding + s : s + padding;
                    }
                };
            }
            case "dx_replace" -> {
                count(paras, 3, "startIndex, length, replaceString");
                int start = whole(paras, 0);
                int length = whole(paras, 1);
                String replacement = paras.get(2);
                yield fromIndex("dx_replace", start, s -> s.substring(0, start) + replacement
                        + (start + length >= s.length() ? "" : s.substring(start + length)));
            }
            case "dx_filter" -> DataxFilter.of(paras);
            case "dx_digest" -> {
                count(paras, 2, "md5 or sha1, toUpperCase or toLowerCase");
                String algorithm = paras.get(0).toLowerCase(Locale.ROOT);
                if (!algorithm.equals("md5") && !algorithm.equals("sha1")) {
                    throw PluginException.config("paras", "dx_digest: the first of paras must be md5 or sha1, was \""
                            + paras.get(0) + "\"");
                }
                String letterCase = paras.get(1);
                if (!letterCase.equalsIgnoreCase("toUpperCase") && !letterCase.equalsIgnoreCase("toLowerCase")) {
                    throw PluginException.config("paras", "dx_digest: the second of paras must be toUpperCase or "
                            + "toLowerCase, was \"" + letterCase + "\"");
                }
                yield new DataxFunction() {
                    @Override
                    Object apply(Object value, DataType type) {
                        String s = asString(value);
                        String hex = HexFormat.of().formatHex(digest(algorithm.equals("md5") ? "MD5" : "SHA-1",
                                s == null ? "" : s));
                        return letterCase.equalsIgnoreCase("toUpperCase") ? hex.toUpperCase(Locale.ROOT) : hex;
                    }
                };
            }
            default -> throw new IllegalArgumentException("not a DataX transformer: " + name);
        };
    }

    /** DataX's {@code Column.asString()} for our values; dates as DataX's {@code yyyy-MM-dd HH:mm:ss}. */
    static String asString(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).toPlainString();
        }
        if (value instanceof Instant i) {
            return DATAX_DATETIME.format(i.atZone(ZoneId.systemDefault()));
        }
        if (value instanceof LocalDate d) {
            return DATAX_DATETIME.format(d.atStartOfDay());
        }
        return value.toString();
    }

    static void count(List<String> paras, int expected, String what) {
        if (paras.size() != expected) {
            throw PluginException.config("paras", "must hold " + expected + " values (" + what + "), holds "
                    + paras.size());
        }
    }

    static int whole(List<String> paras, int i) {
        try {
            int v = Integer.parseInt(paras.get(i).trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw PluginException.config("paras", "paras[" + i + "] must be a whole number of 0 or more, was \""
                    + paras.get(i) + "\"");
        }
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
