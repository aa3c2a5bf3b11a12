package io.vectorsync.api.model;

import java.util.Locale;

/**
 * What an embedding call returns: dense vectors, sparse (lexical) vectors, or both. The names are the embedding
 * step's {@code outputType} values and Model Studio's {@code output_type} values.
 */
public enum OutputType {
    /** One dense float vector per text (every provider). */
    DENSE("dense"),
    /** One sparse vector of token weights per text. */
    SPARSE("sparse"),
    /** Both, from one call. */
    DENSE_AND_SPARSE("dense&sparse");

    private final String wireName;

    OutputType(String wireName) {
        this.wireName = wireName;
    }

    /** {@code dense}, {@code sparse} or {@code dense&sparse}. */
    public String wireName() {
        return wireName;
    }

    /** Whether dense vectors are returned. */
    public boolean dense() {
        return this != SPARSE;
    }

    /** Whether sparse vectors are returned. */
    public boolean sparse() {
        return this != DENSE;
    }

    /** The type named {@code name} (case-insensitive; {@code dense_and_sparse} also means {@code dense&sparse}). */
    public static OutputType parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (OutputType t : values()) {
            if (t.wireName.equals(n) || t.name().toLowerCase(Locale.ROOT).equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not one of dense, sparse, dense&sparse");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
