package io.vectorsync.api.model;

/**
 * What one model call may carry.
 *
 * @param maxRowsPerCall   texts per request (Model Studio: 10)
 * @param maxCharsPerText  the longest text accepted, in characters, or 0 when only tokens are limited
 * @param maxTokensPerText the longest text in tokens, or 0 when unknown; the step estimates tokens conservatively
 * @param dimension        the length of every vector returned
 */
public record ModelLimits(int maxRowsPerCall, int maxCharsPerText, int maxTokensPerText, int dimension) {
    public ModelLimits {
        if (maxRowsPerCall <= 0) {
            throw new IllegalArgumentException("maxRowsPerCall must be positive");
        }
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive");
        }
    }
}
