package io.vectorsync.api.record;

import java.util.Objects;

/**
 * The type of a field. A closed set of kinds, two of which carry parameters: a float vector has a dimension
 * and an array has an element type.
 *
 * <p>The Java value a record holds for each kind:
 * <table>
 *   <tr><td>BOOLEAN</td><td>{@link Boolean}</td></tr>
 *   <tr><td>INT64</td><td>{@link Long}</td></tr>
 *   <tr><td>FLOAT64</td><td>{@link Double}</td></tr>
 *   <tr><td>STRING</td><td>{@link String}</td></tr>
 *   <tr><td>BYTES</td><td>{@code byte[]}</td></tr>
 *   <tr><td>DATE</td><td>{@link java.time.LocalDate}</td></tr>
 *   <tr><td>TIMESTAMP</td><td>{@link java.time.Instant}</td></tr>
 *   <tr><td>DECIMAL</td><td>{@link java.math.BigDecimal}</td></tr>
 *   <tr><td>JSON</td><td>{@link String} holding JSON text</td></tr>
 *   <tr><td>FLOAT_VECTOR</td><td>{@code float[]} of exactly {@link #dimension()} elements</td></tr>
 *   <tr><td>SPARSE_VECTOR</td><td>{@link SparseVector}</td></tr>
 *   <tr><td>ARRAY</td><td>{@link java.util.List} of values of {@link #elementType()}</td></tr>
 * </table>
 * Any value may be {@code null}. Instances are immutable.
 */
public final class DataType {

    /** The kinds of value a field can hold. */
    public enum Kind {
        BOOLEAN, INT64, FLOAT64, STRING, BYTES, DATE, TIMESTAMP, DECIMAL, JSON, FLOAT_VECTOR, SPARSE_VECTOR, ARRAY
    }

    public static final DataType BOOLEAN = new DataType(Kind.BOOLEAN, 0, null);
    public static final DataType INT64 = new DataType(Kind.INT64, 0, null);
    public static final DataType FLOAT64 = new DataType(Kind.FLOAT64, 0, null);
    public static final DataType STRING = new DataType(Kind.STRING, 0, null);
    public static final DataType BYTES = new DataType(Kind.BYTES, 0, null);
    public static final DataType DATE = new DataType(Kind.DATE, 0, null);
    public static final DataType TIMESTAMP = new DataType(Kind.TIMESTAMP, 0, null);
    public static final DataType DECIMAL = new DataType(Kind.DECIMAL, 0, null);
    public static final DataType JSON = new DataType(Kind.JSON, 0, null);
    public static final DataType SPARSE_VECTOR = new DataType(Kind.SPARSE_VECTOR, 0, null);

    private final Kind kind;
    private final int dimension;
    private final DataType elementType;

    private DataType(Kind kind, int dimension, DataType elementType) {
        this.kind = kind;
        this.dimension = dimension;
        this.elementType = elementType;
    }

    /** A dense float vector of {@code dimension} elements ({@code dimension > 0}). */
    public static DataType floatVector(int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("vector dimension must be positive, was " + dimension);
        }
        return new DataType(Kind.FLOAT_VECTOR, dimension, null);
    }

    /** A list whose elements are of {@code elementType}. */
    public static DataType array(DataType elementType) {
        return new DataType(Kind.ARRAY, 0, Objects.requireNonNull(elementType, "elementType is null"));
    }

    public Kind kind() {
        return kind;
    }

    /** The vector dimension for {@link Kind#FLOAT_VECTOR}; 0 for every other kind. */
    public int dimension() {
        return dimension;
    }

    /** The element type for {@link Kind#ARRAY}; {@code null} for every other kind. */
    public DataType elementType() {
        return elementType;
    }

    public boolean isVector() {
        return kind == Kind.FLOAT_VECTOR || kind == Kind.SPARSE_VECTOR;
    }

    /** The plain kinds by (case-insensitive) name, as used in job files: "string", "long", "double", "date"… */
    public static DataType parse(String name) {
        String n = Objects.requireNonNull(name, "name is null").trim().toLowerCase(java.util.Locale.ROOT);
        switch (n) {
            case "bool": case "boolean": return BOOLEAN;
            case "long": case "int": case "integer": case "int64": case "bigint": case "int32": case "smallint":
            case "tinyint": return INT64;
            case "double": case "float": case "float64": case "float32": return FLOAT64;
            case "string": case "varchar": case "text": case "char": return STRING;
            case "bytes": case "binary": return BYTES;
            case "date": return DATE;
            case "timestamp": case "datetime": return TIMESTAMP;
            case "decimal": case "numeric": return DECIMAL;
            case "json": return JSON;
            case "sparse_vector": case "sparsevector": return SPARSE_VECTOR;
            default: throw new IllegalArgumentException("unknown type \"" + name
                    + "\"; use one of boolean, long, double, string, bytes, date, timestamp, decimal, json");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DataType other)) {
            return false;
        }
        return kind == other.kind && dimension == other.dimension && Objects.equals(elementType, other.elementType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, dimension, elementType);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FLOAT_VECTOR -> "float_vector(" + dimension + ")";
            case ARRAY -> "array<" + elementType + ">";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
