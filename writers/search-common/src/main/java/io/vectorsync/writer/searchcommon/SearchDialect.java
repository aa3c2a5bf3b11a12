package io.vectorsync.writer.searchcommon;

import io.vectorsync.api.error.ErrorCode;
import java.util.Objects;
import java.util.function.Function;

/**
 * A writer's flavour plus the mapping of the shared errors onto its own error codes (so codes keep reading
 * {@code elasticsearch.UNAVAILABLE} or {@code opensearch.UNAVAILABLE}).
 *
 * @param flavor the search engine
 * @param codes  the writer's error code for each shared error
 */
public record SearchDialect(SearchFlavor flavor, Function<SearchErrorKind, ErrorCode> codes) {
    public SearchDialect {
        Objects.requireNonNull(flavor, "flavor is null");
        Objects.requireNonNull(codes, "codes is null");
    }

    /** The writer's error code for {@code kind}. */
    public ErrorCode error(SearchErrorKind kind) {
        return codes.apply(kind);
    }
}
