package io.vectorsync.writer.searchcommon;

import io.vectorsync.api.config.PluginConfig;
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
 * Elasticsearch/OpenSearch type and the type's extras. The keys are declared in {@link SearchColumnSpec}; values in
 * the job may be strings ({@code "dims":"384"}).
 */
public final class SearchColumn {
    /** The vector type names a job may use; all become the flavour's vector type. */
    public static final List<String> VECTOR_TYPES = List.of("dense_vector", "knn_vector", "float_vector", "floatvector");
    /** The sparse vector type names a job may use; all become the flavour's sparse type. */
    public static final List<String> SPARSE_TYPES = List.of("sparse_vector", "rank_features", "sparse_float_vector",
            "sparsefloatvector");

    private final SearchDialect dialect;
    private final String name;
    private final String type;
    private final Integer dims;
    private final String similarity;
    private final Boolean indexed;
    private final String engine;
    private final String analyzer;
    private final String format;
    private final boolean array;
    private final boolean jsonArray;
    private final Map<String, Object> otherParams;

    private SearchColumn(SearchDialect dialect, String name, String type, Integer dims, String similarity,
                         Boolean indexed, String engine, String analyzer, String format, boolean array, boolean jsonArray,
                                Map<String, Object> otherParams) {
        this.dialect = dialect;
        this.name = Objects.requireNonNull(name, "name is null");
        this.type = type;
        this.dims = dims;
        this.similarity = similarity;
        this.indexed = indexed;
        this.engine = engine;
        this.analyzer = analyzer;
        this.format = format;
        this.array = array;
        this.jsonArray = jsonArray;
        this.otherParams = otherParams;
    }

    /**
     * Builds the columns from the validated {@code column} entries ({@link SearchColumnSpec#COLUMN}); a name listed
     * twice or a bad space type throws a config PluginException naming the entry.
     */
    public static List<SearchColumn> parseAll(SearchDialect dialect, String step, List<PluginConfig> entries) {
        if (entries == null || entries.isEmpty()) {
            throw PluginException.config("column", "step \"" + step + "\": give at least one column");
        }
        List<SearchColumn> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            out.add(parse(dialect, "step \"" + step + "\": column[" + i + "]", entries.get(i)));
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

    private static SearchColumn parse(SearchDialect dialect, String where, PluginConfig c) {
        String name = c.get(SearchColumnSpec.NAME).trim();
        String type = c.get(SearchColumnSpec.TYPE) == null ? null
                : c.get(SearchColumnSpec.TYPE).trim().toLowerCase(Locale.ROOT);
        if (type != null && (type.isEmpty() || type.equals("none"))) {
            type = null;
        }
        Map<String, Object> other = new LinkedHashMap<>();
        if (c.get(SearchColumnSpec.OTHER_PARAMS) != null) {
            other.putAll(c.get(SearchColumnSpec.OTHER_PARAMS));
        }
        Integer dims = c.get(SearchColumnSpec.DIMS);
        if (dims == null && other.get("dims") != null) {
            dims = toInt(where, name, "dims", other.get("dims"));
        }
        if (type != null && VECTOR_TYPES.contains(type)) {
            type = dialect.flavor().vectorType();
        } else if (type != null && SPARSE_TYPES.contains(type)) {
            type = dialect.flavor().sparseType();
        }
        String analyzer = c.get(SearchColumnSpec.ANALYZER);
        String format = c.get(SearchColumnSpec.FORMAT);
        boolean array = c.get(SearchColumnSpec.ARRAY);
        boolean jsonArray = c.get(SearchColumnSpec.JSON_ARRAY);
        if (dialect.flavor() == SearchFlavor.OPENSEARCH) {
            Object sim = firstNonNull(c.get(SearchColumnSpec.SPACE_TYPE), other.get("space_type"),
                    other.get("spaceType"), c.get(SearchColumnSpec.SIMILARITY), other.get("similarity"));
            Object engine = firstNonNull(c.get(SearchColumnSpec.ENGINE), other.get("engine"));
            for (String k : List.of("dims", "dimension", "space_type", "spaceType", "similarity", "engine", "index")) {
                other.remove(k);
            }
            return new SearchColumn(dialect, name, type, dims, sim == null ? null : spaceType(where, name, sim.toString()),
                    null, str(engine), analyzer, format, array, jsonArray, other);
        }
        Object sim = firstNonNull(c.get(SearchColumnSpec.SIMILARITY), other.get("similarity"));
        Object idx = firstNonNull(c.get(SearchColumnSpec.INDEX), other.get("index"));
        other.remove("dims");
        other.remove("similarity");
        other.remove("index");
        return new SearchColumn(dialect, name, type, dims, sim == null ? null : sim.toString(),
                idx == null ? null : toBool(where, name, "index", idx), null, analyzer, format, array, jsonArray, other);
    }

    /** This column with its type (and vector dimension) taken from the input field when the job left them out. */
    public SearchColumn resolve(String step, Field input) {
        String t = type == null ? inferType(dialect.flavor(), input.type()) : type;
        Integer d = dims;
        String vectorType = dialect.flavor().vectorType();
        if (t.equals(vectorType)) {
            int inputDims = input.type().kind() == DataType.Kind.FLOAT_VECTOR ? input.type().dimension() : 0;
            if (d == null && inputDims == 0) {
                throw new PluginException(dialect.error(SearchErrorKind.COLUMN_INVALID), "step \"" + step + "\": column \""
                        + name + "\" is a " + vectorType + " but its input field is " + input.type()
                        + "; give \"dims\" in the column");
            }
            if (d != null && inputDims != 0 && d != inputDims) {
                throw new PluginException(dialect.error(SearchErrorKind.DIMENSION_MISMATCH), "step \"" + step + "\": column \""
                        + name + "\" declares dims " + d + " but the input field has " + inputDims
                        + " dimensions; fix \"dims\" or the embedding step's dimension");
            }
            d = d != null ? d : inputDims;
        }
        return new SearchColumn(dialect, name, t, d, similarity, indexed, engine, analyzer, format, array, jsonArray,
                otherParams);
    }

    /** The mapping type a field of type {@code t} gets when the column gives none. */
    public static String inferType(SearchFlavor flavor, DataType t) {
        return switch (t.kind()) {
            case BOOLEAN -> "boolean";
            case INT64 -> "long";
            case FLOAT64, DECIMAL -> "double";
            case STRING -> "text";
            case BYTES -> "binary";
            case DATE, TIMESTAMP -> "date";
            case JSON -> "object";
            case FLOAT_VECTOR -> flavor.vectorType();
            case SPARSE_VECTOR -> flavor.sparseType();
            case ARRAY -> inferType(flavor, t.elementType());
        };
    }

    /**
     * The field's mapping, or {@code null} for the {@code id} column. Elasticsearch: a vector is a
     * {@code dense_vector} with {@code dims}, {@code index} and {@code similarity} (the arguments are unused);
     * OpenSearch: a {@code knn_vector} with an HNSW method of the column's (else the given) engine and space type.
     */
    public Map<String, Object> mapping(String defaultEngine, String defaultSpaceType) {
        if (isId()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        if (isVector() && dialect.flavor() == SearchFlavor.OPENSEARCH) {
            m.put("dimension", dims);
            Map<String, Object> method = new LinkedHashMap<>();
            method.put("name", "hnsw");
            method.put("engine", engine == null ? defaultEngine : engine);
            method.put("space_type", similarity == null ? defaultSpaceType : similarity);
            m.put("method", method);
        } else if (isVector()) {
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

    /** The mapping type, lower case; {@code null} until {@link #resolve} when the job gave none. */
    public String type() {
        return type;
    }

    public Integer dims() {
        return dims;
    }

    public boolean isId() {
        return "id".equals(type);
    }

    public boolean isVector() {
        return dialect.flavor().vectorType().equals(type);
    }

    /** Whether this is the flavour's sparse vector field ({@code sparse_vector} / {@code rank_features}). */
    public boolean isSparse() {
        return dialect.flavor().sparseType().equals(type);
    }

    public boolean array() {
        return array;
    }

    public boolean jsonArray() {
        return jsonArray;
    }

    private static Object firstNonNull(Object... values) {
        for (Object v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** OpenSearch's space type; Elasticsearch's similarity names are translated. */
    static String spaceType(String where, String name, String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "cosine", "cosinesimil" -> "cosinesimil";
            case "l2", "l2_norm" -> "l2";
            case "innerproduct", "dot_product", "max_inner_product" -> "innerproduct";
            case "l1", "linf", "hamming" -> v;
            default -> throw PluginException.config("column", where + " (\"" + name + "\"): space type \"" + s
                    + "\" is not one of cosinesimil, l2, innerproduct, l1, linf");
        };
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
