package io.vectorsync.api.record;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One row: positional values of a {@link Schema}. Immutable at the API boundary: a transformer that changes a
 * record returns a new one ({@link #toBuilder()}), never edits the one it was given. The value classes per type
 * are listed on {@link DataType}.
 *
 * <p>Records are compared by schema and values; vectors compare by content.
 */
public final class Row {
    private final Schema schema;
    private final Object[] values;
    private int sizeInBytes = -1; // computed lazily; racy but idempotent

    private Row(Schema schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    /** A record of {@code values}, one per field of {@code schema}, in order (the array is copied). */
    public static Row of(Schema schema, Object... values) {
        return wrap(schema, values.clone());
    }

    /**
     * A record over {@code values} without copying: the caller hands the array over and must not touch it
     * again. For readers on hot paths.
     */
    public static Row wrap(Schema schema, Object[] values) {
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(values, "values is null");
        if (values.length != schema.size()) {
            throw new IllegalArgumentException("record has " + values.length + " values but the schema has "
                    + schema.size() + " fields: " + schema.names());
        }
        return new Row(schema, values);
    }

    public Schema schema() {
        return schema;
    }

    public int size() {
        return values.length;
    }

    public Object get(int position) {
        return values[position];
    }

    public Object get(String name) {
        return values[schema.require(name)];
    }

    public boolean isNull(int position) {
        return values[position] == null;
    }

    /** A builder holding a copy of this record's values, to change some and build a new record. */
    public Builder toBuilder() {
        return new Builder(schema, values.clone());
    }

    /** A builder for a record of {@code schema} with every value null. */
    public static Builder builder(Schema schema) {
        return new Builder(schema, new Object[schema.size()]);
    }

    /**
     * Rough size in memory of the values, in bytes: what the channels budget and what MB/s counts. Strings count
     * their length, vectors 4 bytes per element, other values 8 bytes.
     */
    public int sizeInBytes() {
        int size = sizeInBytes;
        if (size < 0) {
            size = 0;
            for (Object v : values) {
                size += sizeOf(v);
            }
            sizeInBytes = size;
        }
        return size;
    }

    private static int sizeOf(Object v) {
        if (v == null) {
            return 1;
        }
        if (v instanceof String s) {
            return s.length();
        }
        if (v instanceof float[] f) {
            return 4 * f.length;
        }
        if (v instanceof byte[] b) {
            return b.length;
        }
        if (v instanceof SparseVector s) {
            return 8 * s.size();
        }
        if (v instanceof BigDecimal d) {
            return 16 + d.precision() / 2;
        }
        if (v instanceof List<?> list) {
            int n = 0;
            for (Object e : list) {
                n += sizeOf(e);
            }
            return n;
        }
        return 8;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && schema.equals(r.schema) && Arrays.deepEquals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    /** Field=value pairs; vectors longer than 8 elements are shortened (full values: {@link #get(int)}). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(schema.field(i).name()).append('=').append(Values.toDisplayString(values[i], 8));
        }
        return sb.append('}').toString();
    }

    /** Builds a {@link Row}. Not thread-safe. */
    public static final class Builder {
        private final Schema schema;
        private Object[] values;

        private Builder(Schema schema, Object[] values) {
            this.schema = schema;
            this.values = values;
        }

        public Builder set(int position, Object value) {
            values[position] = value;
            return this;
        }

        public Builder set(String name, Object value) {
            values[schema.require(name)] = value;
            return this;
        }

        /**
         * Moves the values into a record of a wider schema: the first fields keep their positions, the new
         * ones start null. Used by transformers that append columns.
         */
        public Builder widen(Schema wider) {
            if (wider.size() < schema.size()) {
                throw new IllegalArgumentException("schema " + wider + " is narrower than " + schema);
            }
            Builder b = new Builder(wider, Arrays.copyOf(values, wider.size()));
            values = null;
            return b;
        }

        public Row build() {
            Row r = new Row(schema, values);
            values = null; // the record owns the array now
            return r;
        }
    }
}
