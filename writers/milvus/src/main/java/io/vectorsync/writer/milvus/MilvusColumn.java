package io.vectorsync.writer.milvus;

import io.milvus.v2.common.DataType;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the writer's {@code column} list: a collection field definition. Declared as a typed element spec
 * ({@link #SPEC}), so every entry is validated at once, as DataWorks writes it ({@code "dimension":"128"},
 * {@code "primaryKey":"true"}, {@code "elementType":"None"}).
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

    static final Option<String> NAME = Option.stringOption("name").required()
            .check(s -> !s.isBlank(), "must not be empty").description("Field name.").build();
    static final Option<String> TYPE = Option.stringOption("type").required()
            .check(MilvusColumn::isKnownType, "is not a Milvus data type; use one of " + typeNames())
            .description("Milvus data type, case-insensitive: Int64, VarChar, FloatVector, SparseFloatVector, Array,"
                    + " JSON… (String means VarChar).").build();
    static final Option<Boolean> PRIMARY_KEY = Option.booleanOption("primaryKey").defaultValue(false)
            .description("This field is the primary key (Int64 or VarChar); exactly one field has it when the writer"
                    + " creates the collection.").build();
    static final Option<Boolean> AUTO_ID = Option.booleanOption("autoId").alias("autoID").defaultValue(false)
            .description("Milvus generates the primary key; only on the primary key.").build();
    static final Option<Boolean> PARTITION_KEY = Option.booleanOption("partitionKey").defaultValue(false)
            .description("The field is the collection's partition key.").build();
    static final Option<Boolean> NULLABLE = Option.booleanOption("nullable").defaultValue(false)
            .description("The field accepts null.").build();
    static final Option<Integer> DIMENSION = Option.intOption("dimension")
            .check(n -> n > 0, "must be positive").description("Dimension of a dense vector field.").build();
    static final Option<Integer> MAX_LENGTH = Option.intOption("maxLength")
            .check(n -> n > 0, "must be positive")
            .description("Maximum UTF-8 bytes of a VarChar (or VarChar array element); default 65535.").build();
    static final Option<String> ELEMENT_TYPE = Option.stringOption("elementType")
            .check(s -> s.isBlank() || s.equalsIgnoreCase("None") || isKnownType(s),
                    "is not a Milvus data type; use one of " + typeNames())
            .description("Element type of an Array field; \"None\" (the DataWorks wizard's value) means absent.")
            .build();
    static final Option<Integer> MAX_CAPACITY = Option.intOption("maxCapacity")
            .check(n -> n > 0, "must be positive").description("Maximum elements of an Array field.").build();

    /** One {@code column} entry. */
    static final ConfigSpec SPEC = ConfigSpec.builder().add(NAME, TYPE, PRIMARY_KEY, AUTO_ID, PARTITION_KEY, NULLABLE,
            DIMENSION, MAX_LENGTH, ELEMENT_TYPE, MAX_CAPACITY).build();

    /**
     * Builds the definitions from the validated {@code column} entries; a rule between keys of one entry (a vector
     * needs a dimension, autoId only on the primary key…) throws a config PluginException naming
     * {@code column[i].key}.
     */
    public static List<MilvusColumn> parseAll(List<PluginConfig> raw) {
        List<MilvusColumn> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(parse("column[" + i + "]", raw.get(i)));
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

    static MilvusColumn parse(String at, PluginConfig c) {
        String name = c.get(NAME);
        DataType type = parseType(at + ".type", c.get(TYPE));
        DataType element = null;
        String elementName = c.get(ELEMENT_TYPE);
        if (elementName != null && !elementName.isBlank() && !elementName.equalsIgnoreCase("None")) {
            element = parseType(at + ".elementType", elementName);
        }
        int dimension = c.getIfSet(DIMENSION).orElse(0);
        int maxLength = c.getIfSet(MAX_LENGTH).orElse(0);
        int maxCapacity = c.getIfSet(MAX_CAPACITY).orElse(0);
        boolean pk = c.get(PRIMARY_KEY);
        boolean autoId = c.get(AUTO_ID);
        boolean partitionKey = c.get(PARTITION_KEY);
        boolean nullable = c.get(NULLABLE);
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

    static boolean isKnownType(String name) {
        return SUPPORTED.stream().anyMatch(t -> t.name().equalsIgnoreCase(name.trim()));
    }

    private static List<String> typeNames() {
        return List.of("Bool", "Int8", "Int16", "Int32", "Int64", "Float", "Double", "String", "VarChar", "Array",
                "JSON", "BinaryVector", "FloatVector", "Float16Vector", "BFloat16Vector", "SparseFloatVector");
    }
}
