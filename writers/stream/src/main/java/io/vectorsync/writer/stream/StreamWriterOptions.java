package io.vectorsync.writer.stream;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;

/** The parameters of the {@code stream} writer (DataX streamwriter's names). */
final class StreamWriterOptions {
    static final Option<Boolean> PRINT = Option.booleanOption("print").defaultValue(true)
            .description("true prints every record to standard output, one line each; false discards the records"
                    + " (for benchmarks).")
            .build();

    static final Option<String> FIELD_DELIMITER = Option.stringOption("fieldDelimiter").defaultValue("\t")
            .check(s -> !s.isEmpty(), "must not be empty")
            .description("Text between the values of a printed record.")
            .build();

    static final Option<String> ENCODING = Option.charsetOption("encoding")
            .description("Character set of the printed text.")
            .build();

    static final ConfigSpec SPEC = ConfigSpec.builder().add(PRINT, FIELD_DELIMITER, ENCODING).build();

    private StreamWriterOptions() {
    }
}
