package io.vectorsync.writer.stream;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import java.nio.charset.Charset;

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

    static final Option<String> ENCODING = Option.stringOption("encoding").defaultValue("UTF-8")
            .check(StreamWriterOptions::isCharset, "is not a character set this JVM supports")
            .description("Character set of the printed text.")
            .build();

    static final ConfigSpec SPEC = ConfigSpec.builder().add(PRINT, FIELD_DELIMITER, ENCODING).build();

    private StreamWriterOptions() {
    }

    private static boolean isCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
