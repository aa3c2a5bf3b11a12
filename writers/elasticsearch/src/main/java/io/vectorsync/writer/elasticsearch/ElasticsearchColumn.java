package io.vectorsync.writer.elasticsearch;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the {@code column} parameter: the field name (also the input field it is read from), its
 * Elasticsearch type and the type's extras. Values in the job may be strings ({@code "dims":"384"}).
 */
public final class ElasticsearchColumn {
    /** The vector type names a job may use; all become {@code dense_vector}. */
    static final List<String> VECTOR_TYPES = List.of("dense_vector", "knn_vector", "float_vector", "floatvector");

    private final String name;
    private final String type;
    private final Integer dims;
    private final String similarity;
    private final Boolean indexed;
    private final String analyzer;
    private final String format;
    private final boolean array;
    private final boolean jsonArray;
    private final Map<String, Object> otherParams;

    private ElasticsearchColumn(String name, String type, Integer dims, String similarity, Boolean indexed,
                                String analyzer, String format, boolean array, boolean jsonArray,
                                Map<String, Object> otherParams) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.type = type;
        this.dims = dims;
        this.similarity = similarity;
        this.indexed = indexed;
        this.analyzer = analyzer;
        this.format = format;
        this.array = array;
        this.jsonArray = jsonArray;
        this.otherParams = otherParams;
    }

    /** Parses the {@code column} list; every problem names the entry. */
    @SuppressWarnings("unchecked")
    static List<ElasticsearchColumn> parseAll(String step, List<Object> raw) {
        if (raw == null || raw.isEmpty()) {
            throw PluginException.config("column", "step \"" + step + "\": give at least one column");
        }
        List<ElasticsearchColumn> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Object e = raw.get(i);
            String where = "step \"" + step + "\": column[" + i + "]";
            if (e instanceof String s && !s.isBlank()) {
                out.add(new ElasticsearchColumn(s.trim(), null, null, null, null, null, null, false, false, Map.of()));
            } else if (e instanceof Map<?, ?> m) {
                out.add(parse(where, (Map<String, Object>) m));
            } else {
                throw PluginException.config("column", where + " must be an object like {\"name\":\"f\",\"type\":\"keyword\"}, "
                        + "got " + e);
            }
        }
        for (int i = 0; i < out.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (out.get(i).name.equals(out.get(j).name)) {
                    throw PluginException.config("column", "step \"" + step + "\": column \"" + out.get(i).name
                            + "\" is listed twice");
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static ElasticsearchColumn parse(String where, Map<String, Object> m) {
        Object n = m.get("name");
        if (!(n instanceof String name) || name.isBlank()) {
            throw PluginException.config("column", where + " needs a \"name\"");
        }
        String type = m.get("type") == null ? null : m.get("type").toString().trim().toLowerCase(Locale.ROOT);
        if (type != null && (type.isEmpty() || type.equals("none"))) {
            type = null;
        }
        Map<String, Object> other = new LinkedHashMap<>();
        Object op = m.get("other_params");
        if (op instanceof Map<?, ?> om) {
            other.putAll((Map<String, Object>) om);
        } else if (op != null) {
            throw PluginException.config("column", where + " (\"" + name + "\"): other_params must be an object");
        }
        Integer dims = toInt(where, name, "dims", m.containsKey("dims") ? m.get("dims") : m.get("dimension"));
        if (dims == null && other.get("dims") != null) {
            dims = toInt(where, name, "dims", other.get("dims"));
        }
        if (type != null && VECTOR_TYPES.contains(type)) {
            type = "dense_vector";
        }
        Object sim = m.containsKey("similarity") ? m.get("similarity") : other.get("similarity");
        Object idx = m.containsKey("index") ? m.get("index") : other.get("index");
        other.remove("dims");
        other.remove("similarity");
        other.remove("index");
        return new ElasticsearchColumn(name.trim(), type, dims, sim == null ? null : sim.toString(),
                idx == null ? null : toBool(where, name, "index", idx), str(m.get("analyzer")), str(m.get("format")),
                toBool(where, name, "array", m.getOrDefault("array", false)),
                toBool(where, name, "json_array", m.getOrDefault("json_array", false)), other);
    }

    /** This column with its type (and vector dimension) taken from the input field when the job left them out. */
    ElasticsearchColumn resolve(String step, Field input) {
        String t = type == null ? inferType(input.type()) : type;
        Integer d = dims;
        if (t.equals("dense_vector")) {
            int inputDims = input.type().kind() == DataType.Kind.FLOAT_VECTOR ? input.type().dimension() : 0;
            if (d == null && inputDims == 0) {
                throw new PluginException(ElasticsearchErrorCode.COLUMN_INVALID, "step \"" + step + "\": column \""
                        + name + "\" is a dense_vector but its input field is " + input.type()
                        + "; give \"dims\" in the column");
            }
            if (d != null && inputDims != 0 && d != inputDims) {
                throw new PluginException(ElasticsearchErrorCode.DIMENSION_MISMATCH, "step \"" + step + "\": column \""
                        + name + "\" declares dims " + d + " but the input field has " + inputDims
                        + " dimensions; fix \"dims\" or the embedding step's dimension");
            }
            d = d != null ? d : inputDims;
        }
        return new ElasticsearchColumn(name, t, d, similarity, indexed, analyzer, format, array, jsonArray, otherParams);
    }

    static String inferType(DataType t) {
        return switch (t.kind()) {
            case BOOLEAN -> "boolean";
            case INT64 -> "long";
            case FLOAT64, DECIMAL -> "double";
            case STRING -> "text";
            case BYTES -> "binary";
            case DATE, TIMESTAMP -> "date";
            case JSON -> "object";
            case FLOAT_VECTOR -> "dense_vector";
            case SPARSE_VECTOR -> "sparse_vector";
            case ARRAY -> inferType(t.elementType());
        };
    }

    /** The field's mapping, or {@code null} for the {@code id} column. */
    Map<String, Object> mapping() {
        if (isId()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        if (isVector()) {
            m.put("dims", dims);
            m.put("index", indexed == null || indexed);
            if (indexed == null || indexed) {
                m.put("similarity", similarity == null ? "cosine" : similarity);
            }
        }
        if (analyzer != null) {
            m.put("analyzer", analyzer);
        }
        if (format != null && type.contains("date")) {
            m.put("format", format);
        }
        m.putAll(otherParams);
        return m;
    }

    public String name() {
        return name;
    }

    /** The Elasticsearch type, lower case; {@code null} until {@link #resolve} when the job gave none. */
    public String type() {
        return type;
    }

    public Integer dims() {
        return dims;
    }

    boolean isId() {
        return "id".equals(type);
    }

    boolean isVector() {
        return "dense_vector".equals(type);
    }

    boolean array() {
        return array;
    }

    boolean jsonArray() {
        return jsonArray;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Integer toInt(String where, String name, String key, Object v) {
        if (v == null) {
            return null;
        }
        try {
            int n = v instanceof Number num ? num.intValue() : Integer.parseInt(v.toString().trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw PluginException.config("column", where + " (\"" + name + "\"): \"" + key
                    + "\" must be a positive whole number, got " + v);
        }
    }

    private static boolean toBool(String where, String name, String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw PluginException.config("column", where + " (\"" + name + "\"): \"" + key + "\" must be true or false, got " + v);
    }

    @Override
    public String toString() {
        return name + ":" + type + (dims == null ? "" : "(" + dims + ")");
    }
}
