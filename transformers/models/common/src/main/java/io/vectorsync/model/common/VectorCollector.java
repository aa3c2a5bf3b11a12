package io.vectorsync.model.common;

import io.vectorsync.api.model.Embeddings;
import java.util.Arrays;

/**
 * Puts the vectors of one reply in request order (by the index the provider gives each) and checks the reply
 * fits the request: one vector per text, each of the configured dimension. Any misfit is a FATAL
 * {@link io.vectorsync.api.model.ModelException} saying what was expected and what came.
 */
public final class VectorCollector {
    private final String provider;
    private final int dimension;
    private final float[][] vectors;
    private int received;

    public VectorCollector(String provider, int texts, int dimension) {
        this.provider = provider;
        this.dimension = dimension;
        this.vectors = new float[texts][];
    }

    /** Adds the vector of text {@code index} (0-based, as sent). */
    public void put(int index, float[] vector) {
        received++;
        if (index < 0 || index >= vectors.length) {
            throw ModelErrors.mismatch(provider, "expected " + vectors.length + " vectors (indexes 0.."
                    + (vectors.length - 1) + "), got one for index " + index);
        }
        if (vectors[index] != null) {
            throw ModelErrors.mismatch(provider, "expected " + vectors.length + " vectors, got two for index " + index);
        }
        if (vector == null) {
            throw ModelErrors.malformed(provider, "the vector of index " + index + " is missing", null);
        }
        if (vector.length != dimension) {
            throw ModelErrors.mismatch(provider, "expected vectors of dimension " + dimension + ", got "
                    + vector.length + " (index " + index + "); set the step's dimension to a value the model "
                    + "produces");
        }
        vectors[index] = vector;
    }

    /** The vectors in request order, with the tokens the provider reported. */
    public Embeddings finish(long tokens) {
        if (received != vectors.length) {
            throw ModelErrors.mismatch(provider, "expected " + vectors.length + " vectors, got " + received);
        }
        return new Embeddings(Arrays.asList(vectors), Math.max(0, tokens));
    }
}
