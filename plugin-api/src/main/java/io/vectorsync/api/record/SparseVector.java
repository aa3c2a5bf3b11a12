package io.vectorsync.api.record;

import java.util.Arrays;
import java.util.Objects;

/** A sparse vector: strictly increasing indices with one value each. Immutable. */
public final class SparseVector {
    private final int[] indices;
    private final float[] values;

    public SparseVector(int[] indices, float[] values) {
        Objects.requireNonNull(indices, "indices is null");
        Objects.requireNonNull(values, "values is null");
        if (indices.length != values.length) {
            throw new IllegalArgumentException("sparse vector has " + indices.length + " indices but "
                    + values.length + " values");
        }
        for (int i = 1; i < indices.length; i++) {
            if (indices[i] <= indices[i - 1]) {
                throw new IllegalArgumentException("sparse vector indices must be strictly increasing, found "
                        + indices[i - 1] + " then " + indices[i]);
            }
        }
        this.indices = indices.clone();
        this.values = values.clone();
    }

    public int size() {
        return indices.length;
    }

    public int index(int i) {
        return indices[i];
    }

    public float value(int i) {
        return values[i];
    }

    public int[] indices() {
        return indices.clone();
    }

    public float[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseVector s && Arrays.equals(indices, s.indices) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < indices.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(indices[i]).append(':').append(values[i]);
        }
        return sb.append('}').toString();
    }
}
