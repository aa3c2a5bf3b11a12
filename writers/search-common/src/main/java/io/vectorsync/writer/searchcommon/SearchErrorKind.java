package io.vectorsync.writer.searchcommon;

/** The errors the shared code raises; each writer maps them onto its own {@code ErrorCode} enum. */
public enum SearchErrorKind {
    /** A {@code column} entry or the id rule is wrong. */
    COLUMN_INVALID,
    /** The index has a vector field of another dimension (or type) than the input. */
    DIMENSION_MISMATCH,
    /** The cluster cannot be reached or answered 5xx/429 after every try. */
    UNAVAILABLE,
    /** The cluster refused a request. */
    REQUEST_FAILED,
    /** The cluster refused the credentials (401/403). */
    AUTH_FAILED,
    /** One document was rejected by the cluster. */
    DOCUMENT_REJECTED,
    /** A value cannot be converted to its column's type. */
    VALUE_INVALID
}
