package io.vectorsync.transformer.embedding;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Errors of the {@code embedding-transformer} step. */
public enum EmbeddingErrorCode implements EnumErrorCode {
    /** A record's source values are all NULL and nullAsEmptyString is false. */
    NULL_VALUE(ErrorCategory.DATA, false),
    /** A record's text to embed is empty or blank. */
    EMPTY_TEXT(ErrorCategory.DATA, false),
    /** A record's text is over the model's limit and oversizeTextPolicy is dirty. */
    TEXT_TOO_LONG(ErrorCategory.DATA, false),
    /** The model refused one text (the provider's message says why). */
    INPUT_REJECTED(ErrorCategory.DATA, false),
    /** The provider refused the credentials. */
    AUTH_FAILED(ErrorCategory.EXTERNAL, false),
    /** The model answered with the wrong number of vectors or a wrong dimension. */
    BAD_REPLY(ErrorCategory.EXTERNAL, false),
    /** The model kept failing or throttling after every retry. */
    MODEL_UNAVAILABLE(ErrorCategory.EXTERNAL, true),
    /** The model failed in a way retrying cannot fix. */
    MODEL_FAILED(ErrorCategory.EXTERNAL, false),
    /** The model's vectors do not have the configured dimension. */
    DIMENSION_MISMATCH(ErrorCategory.USER_CONFIG, false),
    /** A source or output column is wrong. */
    COLUMN_NOT_FOUND(ErrorCategory.USER_CONFIG, false);

    private final Traits traits;

    EmbeddingErrorCode(ErrorCategory category, boolean retriable) {
        traits = new Traits("embedding", category, retriable);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
