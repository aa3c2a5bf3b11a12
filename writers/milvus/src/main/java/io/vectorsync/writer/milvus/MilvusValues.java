package io.vectorsync.writer.milvus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.milvus.v2.common.DataType;
import io.vectorsync.api.record.SparseVector;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Converts record values to the JSON row values the Milvus SDK expects for a field type. Throws
 * {@link IllegalArgumentException} with a message naming the problem (not the field: the caller adds it).
 */
final class MilvusValues {
    private MilvusValues() {
    }

    /** A field's write-relevant properties. */
    record FieldType(DataType type, int dimension, int maxLength, DataType elementType, int maxCapacity) {
    }

    static JsonElement convert(Object v, FieldType f) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        return switch (f.type()) {
            case Bool -> new JsonPrimitive(toBool(v));
            case Int8 -> new JsonPrimitive(toLong(v, Byte.MIN_VALUE, Byte.MAX_VALUE));
            case Int16 -> new JsonPrimitive(toLong(v, Short.MIN_VALUE, Short.MAX_VALUE));
            case Int32 -> new JsonPrimitive(toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case Int64 -> new JsonPrimitive(toLong(v, Long.MIN_VALUE, Long.MAX_VALUE));
            case Float, Double -> new JsonPrimitive(toDouble(v));
            case VarChar, String -> new JsonPrimitive(toVarChar(v, f.maxLength()));
            case JSON -> toJson(v);
            case Array -> toArray(v, f);
            case FloatVector -> floats(toFloats(v, f.dimension()));
            case Float16Vector -> bytes(MilvusHalfFloats.toFloat16(toFloats(v, f.dimension())));
            case BFloat16Vector -> bytes(MilvusHalfFloats.toBFloat16(toFloats(v, f.dimension())));
            case BinaryVector -> bytes(toBinary(v, f.dimension()));
            case SparseFloatVector -> toSparse(v);
            default -> throw new IllegalArgumentException("Milvus type " + f.type() + " is not supported by this writer");
        };
    }

    static boolean toBool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equals("1")) {
            return true;
        }
        if (s.equalsIgnoreCase("false") || s.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("\"" + shorten(s) + "\" is not a boolean");
    }

    static long toLong(Object v, long min, long max) {
        long l;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            l = ((Number) v).longValue();
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(v + " is not a whole number");
            }
            l = (long) d;
        } else if (v instanceof Boolean b) {
            l = b ? 1 : 0;
        } else {
            try {
                l = new BigDecimal(v.toString().trim()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("\"" + shorten(v.toString()) + "\" is not a whole number");
            }
        }
        if (l < min || l > max) {
            throw new IllegalArgumentException(l + " is out of range [" + min + ", " + max + "]");
        }
        return l;
    }

    static double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + shorten(v.toString()) + "\" is not a number");
        }
    }

    /** Milvus counts max_length in bytes of UTF-8. */
    static String toVarChar(Object v, int maxLength) {
        String s = v instanceof float[] f ? floats(f).toString() : v.toString();
        if (maxLength > 0) {
            int bytes = s.length() > maxLength / 3 ? s.getBytes(StandardCharsets.UTF_8).length : s.length();
            if (bytes > maxLength) {
                throw new IllegalArgumentException("string of " + bytes + " bytes exceeds maxLength " + maxLength);
            }
        }
        return s;
    }

    static JsonElement toJson(Object v) {
        if (v instanceof String s) {
            try {
                return JsonParser.parseString(s);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("\"" + shorten(s) + "\" is not valid JSON");
            }
        }
        return toJsonValue(v);
    }

    static JsonElement toJsonValue(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (v instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (v instanceof float[] f) {
            return floats(f);
        }
        if (v instanceof byte[] b) {
            return new JsonPrimitive(Base64.getEncoder().encodeToString(b));
        }
        if (v instanceof List<?> list) {
            JsonArray a = new JsonArray(list.size());
            for (Object e : list) {
                a.add(toJsonValue(e));
            }
            return a;
        }
        if (v instanceof Map<?, ?> map) {
            JsonObject o = new JsonObject();
            map.forEach((k, val) -> o.add(String.valueOf(k), toJsonValue(val)));
            return o;
        }
        if (v instanceof SparseVector sv) {
            return toSparseUnchecked(sv);
        }
        return new JsonPrimitive(v.toString());
    }

    static JsonArray toArray(Object v, FieldType f) {
        List<?> list;
        if (v instanceof List<?> l) {
            list = l;
        } else if (v instanceof String s) {
            JsonElement parsed;
            try {
                parsed = JsonParser.parseString(s);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("\"" + shorten(s) + "\" is not a JSON array");
            }
            if (!parsed.isJsonArray()) {
                throw new IllegalArgumentException("\"" + shorten(s) + "\" is not a JSON array");
            }
            list = parsed.getAsJsonArray().asList().stream()
                    .map(e -> e.isJsonNull() ? null : e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()
                            ? e.getAsString() : (Object) e.getAsJsonPrimitive().getAsBigDecimal())
                    .toList();
        } else {
            throw new IllegalArgumentException("a " + v.getClass().getSimpleName() + " is not an array");
        }
        if (f.maxCapacity() > 0 && list.size() > f.maxCapacity()) {
            throw new IllegalArgumentException("array of " + list.size() + " elements exceeds maxCapacity "
                    + f.maxCapacity());
        }
        FieldType element = new FieldType(f.elementType(), 0, f.maxLength(), null, 0);
        JsonArray a = new JsonArray(list.size());
        for (Object e : list) {
            if (e == null) {
                throw new IllegalArgumentException("array elements must not be null");
            }
            a.add(convert(e, element));
        }
        return a;
    }

    static float[] toFloats(Object v, int dimension) {
        float[] f;
        if (v instanceof float[] fa) {
            f = fa;
        } else if (v instanceof List<?> list) {
            f = new float[list.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) toDouble(list.get(i));
            }
        } else if (v instanceof String s) {
            JsonElement parsed;
            try {
                parsed = JsonParser.parseString(s);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("\"" + shorten(s) + "\" is not a vector like [0.1, 0.2]");
            }
            if (!parsed.isJsonArray()) {
                throw new IllegalArgumentException("\"" + shorten(s) + "\" is not a vector like [0.1, 0.2]");
            }
            JsonArray a = parsed.getAsJsonArray();
            f = new float[a.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = a.get(i).getAsFloat();
            }
        } else {
            throw new IllegalArgumentException("a " + v.getClass().getSimpleName() + " is not a float vector");
        }
        if (dimension > 0 && f.length != dimension) {
            throw new IllegalArgumentException("vector has " + f.length + " dimensions, the field has " + dimension);
        }
        for (float x : f) {
            if (Float.isNaN(x) || Float.isInfinite(x)) {
                throw new IllegalArgumentException("vector contains " + x);
            }
        }
        return f;
    }

    static JsonArray floats(float[] f) {
        JsonArray a = new JsonArray(f.length);
        for (float x : f) {
            a.add(x);
        }
        return a;
    }

    static JsonArray bytes(byte[] b) {
        JsonArray a = new JsonArray(b.length);
        for (byte x : b) {
            a.add(x);
        }
        return a;
    }

    static byte[] toBinary(Object v, int dimension) {
        if (!(v instanceof byte[] b)) {
            throw new IllegalArgumentException("a BinaryVector needs bytes, got " + v.getClass().getSimpleName());
        }
        if (dimension > 0 && b.length * 8 != dimension) {
            throw new IllegalArgumentException("binary vector has " + b.length * 8 + " bits, the field has " + dimension);
        }
        return b;
    }

    /**
     * SparseVector, or DataX's text form "[3:0.5, 24:0.8]" / "{3:0.5}" / JSON {"3":0.5}, as the SDK's row form
     * {"3": 0.5} (which it turns into its {@code SortedMap<Long, Float>}). Milvus refuses negative and non-finite
     * weights and the index 2^32-1, so those throw here naming the index, instead of failing the whole batch.
     */
    static JsonObject toSparse(Object v) {
        JsonObject o = toSparseUnchecked(v);
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            long index = Long.parseLong(e.getKey());
            float w = e.getValue().getAsFloat();
            if (index < 0 || index >= 0xFFFFFFFFL) {
                throw new IllegalArgumentException("sparse index " + index + " is outside Milvus' range 0 to 2^32-2");
            }
            if (!Float.isFinite(w) || w < 0f) {
                throw new IllegalArgumentException("weight " + w + " at index " + index
                        + ": Milvus stores only non-negative finite sparse weights");
            }
        }
        return o;
    }

    private static JsonObject toSparseUnchecked(Object v) {
        JsonObject o = new JsonObject();
        if (v instanceof SparseVector sv) {
            for (int i = 0; i < sv.size(); i++) {
                o.addProperty(Integer.toUnsignedString(sv.index(i)), sv.value(i));
            }
            return o;
        }
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, val) -> {
                try {
                    o.addProperty(Long.toString(Long.parseLong(String.valueOf(k).trim())), (float) toDouble(val));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sparse key \"" + shorten(String.valueOf(k))
                            + "\" is not a whole number");
                }
            });
            return o;
        }
        String s = v.toString().trim();
        if (s.length() >= 2 && (s.startsWith("[") || s.startsWith("{"))) {
            s = s.substring(1, s.length() - 1);
        }
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("\"" + shorten(v.toString()) + "\" is not a sparse vector like [3:0.5, 24:0.8]");
            }
            String key = p.substring(0, colon).trim().replace("\"", "");
            try {
                o.addProperty(Long.toString(Long.parseLong(key)), Float.parseFloat(p.substring(colon + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + shorten(v.toString()) + "\" is not a sparse vector like [3:0.5, 24:0.8]");
            }
        }
        return o;
    }

    static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
