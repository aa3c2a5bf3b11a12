package io.vectorsync.api.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordered, named, typed fields of the records one step produces. Fixed when the job is planned; records
 * then carry positional values only. Immutable and thread-safe.
 */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> positions;

    private Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            String name = this.fields.get(i).name();
            if (byName.putIfAbsent(name, i) != null) {
                throw new IllegalArgumentException("duplicate field name \"" + name + "\"");
            }
        }
        this.positions = Collections.unmodifiableMap(byName);
    }

    public static Schema of(List<Field> fields) {
        return new Schema(fields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Field> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Field field(int position) {
        return fields.get(position);
    }

    /** The position of {@code name}, or -1. Names are case-sensitive. */
    public int indexOf(String name) {
        Integer p = positions.get(name);
        return p == null ? -1 : p;
    }

    public Optional<Field> find(String name) {
        int p = indexOf(name);
        return p < 0 ? Optional.empty() : Optional.of(fields.get(p));
    }

    /**
     * The position of {@code name}; otherwise an {@link IllegalArgumentException} whose message lists the
     * available fields, so the caller can pass it straight to the user.
     */
    public int require(String name) {
        int p = indexOf(name);
        if (p < 0) {
            throw new IllegalArgumentException("no field \"" + name + "\"; available fields: " + names());
        }
        return p;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (Field f : fields) {
            names.add(f.name());
        }
        return names;
    }

    /** A builder starting with these fields, to add or replace some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields.addAll(fields);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && fields.equals(s.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    /** Builds a {@link Schema}. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        public Builder field(String name, DataType type) {
            return field(Field.of(name, type));
        }

        public Builder field(Field field) {
            fields.add(Objects.requireNonNull(field, "field is null"));
            return this;
        }

        /** Replaces the field of the same name if there is one, else appends. */
        public Builder put(Field field) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equals(field.name())) {
                    fields.set(i, field);
                    return this;
                }
            }
            fields.add(field);
            return this;
        }

        public Schema build() {
            return new Schema(fields);
        }
    }
}
