package io.vectorsync.api.error;

/**
 * A stable, documented error identifier. Plugins define theirs as an enum implementing {@link EnumErrorCode}
 * (which derives everything here from one {@link EnumErrorCode.Traits} per constant), with codes namespaced by
 * plugin: {@code "milvus.COLLECTION_MISSING"}.
 */
public interface ErrorCode {
    /** Stable identifier, e.g. {@code "localfile.MALFORMED_LINE"}. */
    String code();

    ErrorCategory category();

    /** Whether trying the same operation again can succeed. */
    default boolean retriable() {
        return false;
    }

    /** An ad-hoc code, for tests and rare cases; prefer an enum. */
    static ErrorCode of(String code, ErrorCategory category, boolean retriable) {
        return new ErrorCode() {
            @Override
            public String code() {
                return code;
            }

            @Override
            public ErrorCategory category() {
                return category;
            }

            @Override
            public boolean retriable() {
                return retriable;
            }

            @Override
            public String toString() {
                return code;
            }
        };
    }
}
