package io.vectorsync.api.error;

/**
 * An enum of error codes without the boilerplate: each constant holds its {@link Traits} (the plugin's namespace,
 * the category, whether a retry can help) and the code is {@code namespace + "." + name()}.
 *
 * <pre>{@code
 * public enum CsvErrorCode implements EnumErrorCode {
 *     MALFORMED_LINE(ErrorCategory.DATA, false);
 *
 *     private final Traits traits;
 *
 *     CsvErrorCode(ErrorCategory category, boolean retriable) {
 *         traits = new Traits("csv", category, retriable);
 *     }
 *
 *     public Traits traits() {
 *         return traits;
 *     }
 * }
 * }</pre>
 */
public interface EnumErrorCode extends ErrorCode {
    /** What a code is besides its name. */
    record Traits(String namespace, ErrorCategory category, boolean retriable) {
        /** Fails on a missing namespace or category. */
        public Traits {
            if (namespace == null || namespace.isBlank() || category == null) {
                throw new IllegalArgumentException("an error code needs a namespace and a category");
            }
        }
    }

    /** The constant's name; an enum implements it. */
    String name();

    /** The namespace, category and retriability the constant was declared with. */
    Traits traits();

    @Override
    default String code() {
        return traits().namespace() + "." + name();
    }

    @Override
    default ErrorCategory category() {
        return traits().category();
    }

    @Override
    default boolean retriable() {
        return traits().retriable();
    }
}
