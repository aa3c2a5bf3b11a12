package io.vectorsync.writer.elasticsearch;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.writer.searchcommon.SearchDialect;
import io.vectorsync.writer.searchcommon.SearchFlavor;

/** Errors of the {@code elasticsearch} writer; codes read {@code elasticsearch.<NAME>}. */
public enum ElasticsearchErrorCode implements EnumErrorCode {
    /** A {@code column} entry or the id rule is wrong. */
    COLUMN_INVALID(ErrorCategory.USER_CONFIG, false),
    /** The index has a vector field of another dimension (or type) than the input. */
    DIMENSION_MISMATCH(ErrorCategory.USER_CONFIG, false),
    /** The cluster cannot be reached or answered 5xx/429 after every try. */
    UNAVAILABLE(ErrorCategory.EXTERNAL, true),
    /** The cluster refused a request (bad settings, mapping, index name…). */
    REQUEST_FAILED(ErrorCategory.EXTERNAL, false),
    /** The cluster refused the credentials (401/403). */
    AUTH_FAILED(ErrorCategory.EXTERNAL, false),
    /** One document was rejected by the cluster (its {@code error.reason} is in the message). */
    DOCUMENT_REJECTED(ErrorCategory.DATA, false),
    /** A value cannot be converted to its column's type. */
    VALUE_INVALID(ErrorCategory.DATA, false);

    /** The shared code's view of this writer: its flavour and these codes. */
    static final SearchDialect DIALECT = new SearchDialect(SearchFlavor.ELASTICSEARCH, k -> valueOf(k.name()));

    private final Traits traits;

    ElasticsearchErrorCode(ErrorCategory category, boolean retriable) {
        traits = new Traits("elasticsearch", category, retriable);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
