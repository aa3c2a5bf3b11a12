package io.vectorsync.api.record;

import java.util.Objects;

/** A named, typed field of a {@link Schema}. */
public record Field(String name, DataType type, boolean nullable) {
    public Field {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field name is empty");
        }
    }

    public static Field of(String name, DataType type) {
        return new Field(name, type, true);
    }

    @Override
    public String toString() {
        return name + " " + type + (nullable ? "" : " not null");
    }
}
