package io.vectorsync.writer.milvus;

import io.milvus.v2.common.DataType;
import io.vectorsync.api.error.PluginException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the writer's {@code column} list: a collection field definition. Parsed leniently as DataWorks
 * writes it ({@code "dimension":"128"}, {@code "primaryKey":"true"}, {@code "elementType":"None"}).
 *
 * @param elementType the Array element type, {@code null} when absent
 * @param dimension   the vector dimension, 0 when absent
 * @param maxLength   VarChar (or VarChar-array element) maximum length, 0 when absent
 * @param maxCapacity Array maximum number of elements, 0 when absent
 */
public record MilvusColumn(String name, DataType type, boolean primaryKey, boolean autoId, boolean partitionKey,
                           boolean nullable, int dimension, int maxLength, DataType elementType, int maxCapacity) {
    public MilvusColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }

    /** Parses the {@code column} parameter; throws a config PluginException naming {@code column[i].key}. */
    public static List<MilvusColumn> parseAll(List<Object> raw) {
        List<MilvusColumn> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Object o = raw.get(i);
            String at = "column[" + i + "]";
            if (!(o instanceof Map<?, ?> m)) {
                throw PluginException.config(at, "must be an object {\"name\":…, \"type\":…}, got " + o);
            }
            out.add(parse(at, m));
        }
        for (int i = 0; i < out.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (out.get(i).name().equals(out.get(j).name())) {
                    throw PluginException.config("column[" + i + "].name", "field \"" + out.get(i).name()
                            + "\" is defined twice");
                }
            }
        }
        return List.copyOf(out);
    }

    static MilvusColumn parse(String at, Map<?, ?> m) {
        String name = text(m.get("name"));
        if (name == null || name.isBlank()) {
            throw PluginException.config(at + ".name", "is required");
        }
        String typeName = text(m.get("type"));
        if (typeName == null) {
            throw PluginException.config(at + ".type", "is required (e.g. Int64, VarChar, FloatVector)");
        }
        DataType type = parseType(at + ".type", typeName);
        DataType element = null;
        String elementName = text(m.get("elementType"));
        if (elementName != null && !elementName.isBlank() && !elementName.equalsIgnoreCase("None")) {
            element = parseType(at + ".elementType", elementName);
        }
        int dimension = integer(at + ".dimension", m.get("dimension"));
        int maxLength = integer(at + ".maxLength", m.get("maxLength"));
        int maxCapacity = integer(at + ".maxCapacity", m.get("maxCapacity"));
        boolean pk = bool(at + ".primaryKey", m.get("primaryKey"));
        boolean autoId = bool(at + ".autoId", m.containsKey("autoId") ? m.get("autoId") : m.get("autoID"));
        boolean partitionKey = bool(at + ".partitionKey", m.get("partitionKey"));
        boolean nullable = bool(at + ".nullable", m.get("nullable"));
        if (type == DataType.String) {
            type = DataType.VarChar;
        }
        if (isDenseVector(type) && dimension <= 0) {
            throw PluginException.config(at + ".dimension", "a " + type + " field needs a positive dimension");
        }
        if (type == DataType.Array) {
            if (element == null) {
                throw PluginException.config(at + ".elementType", "an Array field needs elementType (e.g. Int64, VarChar)");
            }
            if (maxCapacity <= 0) {
                throw PluginException.config(at + ".maxCapacity", "an Array field needs a positive maxCapacity");
            }
        }
        if (autoId && !pk) {
            throw PluginException.config(at + ".autoId", "autoId is only allowed on the primary key");
        }
        if (pk && type != DataType.Int64 && type != DataType.VarChar) {
            throw PluginException.config(at + ".type", "the primary key must be Int64 or VarChar, was " + type);
        }
        boolean needsLength = type == DataType.VarChar || (type == DataType.Array && element == DataType.VarChar);
        if (needsLength && maxLength <= 0) {
            maxLength = 65535;
        }
        return new MilvusColumn(name.trim(), type, pk, autoId, partitionKey, nullable, dimension,
                needsLength ? maxLength : 0, element, maxCapacity);
    }

    static boolean isDenseVector(DataType t) {
        return t == DataType.FloatVector || t == DataType.Float16Vector || t == DataType.BFloat16Vector
                || t == DataType.BinaryVector || t == DataType.Int8Vector;
    }

    static boolean isVector(DataType t) {
        return isDenseVector(t) || t == DataType.SparseFloatVector;
    }

    private static final List<DataType> SUPPORTED = List.of(DataType.Bool, DataType.Int8, DataType.Int16,
            DataType.Int32, DataType.Int64, DataType.Float, DataType.Double, DataType.String, DataType.VarChar,
            DataType.Array, DataType.JSON, DataType.BinaryVector, DataType.FloatVector, DataType.Float16Vector,
            DataType.BFloat16Vector, DataType.SparseFloatVector);

    static DataType parseType(String at, String name) {
        String n = name.trim();
        for (DataType t : SUPPORTED) {
            if (t.name().equalsIgnoreCase(n)) {
                return t;
            }
        }
        List<String> names = SUPPORTED.stream().map(Enum::name).toList();
        String suggestion = io.vectorsync.api.config.Suggestions.closest(n, names);
        throw PluginException.config(at, "unknown Milvus type \"" + name + "\""
                + (suggestion != null ? "; did you mean \"" + suggestion + "\"?" : "; use one of " + names));
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static int integer(String at, Object o) {
        if (o == null || (o instanceof String s && (s.isBlank() || s.equalsIgnoreCase("None")))) {
            return 0;
        }
        try {
            if (o instanceof Number n) {
                return Math.toIntExact(n.longValue());
            }
            return Integer.parseInt(o.toString().trim());
        } catch (NumberFormatException | ArithmeticException e) {
            throw PluginException.config(at, "expected a whole number, got \"" + o + "\"");
        }
    }

    private static boolean bool(String at, Object o) {
        if (o == null) {
            return false;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        String s = o.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false") || s.isEmpty()) {
            return false;
        }
        throw PluginException.config(at, "expected true or false, got \"" + o + "\"");
    }
}
