package io.vectorsync.writer.localfile;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The parameters of the {@code localfile} writer (DataX txtfilewriter's names). */
final class LocalFileWriterOptions {
    static final Option<String> PATH = Option.stringOption("path").required()
            .check(s -> !s.isBlank(), "must not be empty")
            .description("The output directory; created when missing.")
            .build();

    static final Option<String> FILE_NAME = Option.stringOption("fileName").defaultValue("part")
            .check(s -> !s.isBlank() && !s.contains("/") && !s.contains("\\"), "must be a plain file name prefix")
            .description("Prefix of the output files: stream i writes <fileName>-<i>.<jsonl|csv|txt>.")
            .build();

    static final Option<String> FILE_FORMAT = Option.stringOption("fileFormat").defaultValue("jsonl")
            .oneOf("jsonl", "csv", "text")
            .description("jsonl: one JSON object per record; csv: RFC 4180 with quoting; text: values joined by"
                    + " fieldDelimiter, no quoting.")
            .build();

    static final Option<String> WRITE_MODE = Option.stringOption("writeMode").required()
            .oneOf("truncate", "append", "nonConflict")
            .description("truncate: when the job succeeds, replace the files named <fileName>-* in path by this"
                    + " run's; append: when the job succeeds, add this run's rows to them; nonConflict: fail if any"
                    + " exists. A failed or cancelled run changes no visible file.")
            .build();

    static final Option<String> FIELD_DELIMITER = Option.stringOption("fieldDelimiter").defaultValue(",")
            .check(s -> !s.isEmpty(), "must not be empty")
            .description("Separator of csv and text values; \\t and \\u0001-style escapes are understood.")
            .build();

    static final Option<String> ENCODING = Option.charsetOption("encoding")
            .description("Character set of the files.")
            .build();

    static final Option<List<String>> HEADER = Option.stringListOption("header")
            .description("csv/text: the header line's names. Unset: the field names; []: no header line. Not"
                    + " written again when appending to a non-empty file.")
            .build();

    static final Option<String> NULL_FORMAT = Option.stringOption("nullFormat").defaultValue("\\N")
            .description("csv/text: how null is written (jsonl writes JSON null).")
            .build();

    static final Option<String> DATE_FORMAT = Option.stringOption("dateFormat")
            .check(LocalFileWriterOptions::isPattern, "is not a valid date pattern")
            .description("Pattern for date and timestamp values (timestamps in the system time zone). Unset:"
                    + " ISO-8601 (2026-11-24, 2026-11-24T10:00:00Z).")
            .build();

    static final ConfigSpec SPEC = ConfigSpec.builder().add(PATH, FILE_NAME, FILE_FORMAT, WRITE_MODE,
            FIELD_DELIMITER, ENCODING, HEADER, NULL_FORMAT, DATE_FORMAT).build();

    private LocalFileWriterOptions() {
    }

    private static boolean isPattern(String pattern) {
        try {
            DateTimeFormatter.ofPattern(pattern);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
