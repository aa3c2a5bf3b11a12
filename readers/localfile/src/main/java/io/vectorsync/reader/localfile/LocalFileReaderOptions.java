package io.vectorsync.reader.localfile;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import java.util.List;

/** The parameters of the {@code localfile} reader (DataX txtfilereader's names, plus {@code fileFormat}). */
final class LocalFileReaderOptions {
    static final Option<List<String>> PATH = Option.stringListOption("path").required()
            .check(l -> !l.isEmpty(), "must name at least one file")
            .description("Files to read: a path or a list of paths. Globs are allowed (java.nio PathMatcher syntax):"
                    + " /data/*.jsonl, /data/**/*.csv (** also matches no directory at all). A directory means every"
                    + " regular file directly inside it. Reading fails when nothing matches.")
            .build();

    static final Option<String> FILE_FORMAT = Option.stringOption("fileFormat").defaultValue("csv")
            .oneOf("csv", "text", "jsonl", "binary")
            .description("csv: RFC 4180 (quotes, quoted line breaks); text: lines split at fieldDelimiter, no quoting;"
                    + " jsonl: one JSON text per line; binary: every file is one record, with the fields fileName,"
                    + " filePath, content, size, modified (DataWorks' name for reading files as they are).")
            .build();

    static final Option<List<PluginConfig>> COLUMN = Option.listOf("column", LocalFileColumn.ELEMENT)
            .shorthand("name").defaultElements("*")
            .description("The fields to read: [\"*\"] (every column as a string) or objects with the keys below;"
                    + " each needs index or value (jsonl: or name, the top-level key). A plain string stands for"
                    + " {\"name\": ...}.")
            .build();

    static final Option<Long> SPLIT_SIZE = Option.longOption("splitSize").defaultValue(128L << 20)
            .check(n -> n > 0, "must be positive")
            .description("Uncompressed files larger than this many bytes are read as several splits, each a range"
                    + " of whole lines (csv: whole records) of about this size, so streams share a large file and a"
                    + " resumed run redoes only the unfinished ranges. Compressed files are one split each.")
            .build();

    static final Option<String> FIELD_DELIMITER = Option.stringOption("fieldDelimiter").defaultValue(",")
            .check(s -> !s.isEmpty(), "must not be empty")
            .description("Field separator of csv and text files; \\t and \\u0001-style escapes are understood.")
            .build();

    static final Option<String> ENCODING = Option.charsetOption("encoding")
            .description("Character set of the files. A line that is not valid in it becomes a dirty record.")
            .build();

    static final Option<String> COMPRESS = Option.stringOption("compress").defaultValue("none")
            .oneOf("none", "gzip", "bzip2", "zip")
            .description("Compression of the files: none, gzip, bzip2 or zip (every entry of the archive is read).")
            .build();

    static final Option<Boolean> SKIP_HEADER = Option.booleanOption("skipHeader").defaultValue(false)
            .description("Skip the first line of every file (of every zip entry).")
            .build();

    static final Option<String> NULL_FORMAT = Option.stringOption("nullFormat")
            .description("A value equal to this text is read as null, e.g. \\N. Unset: no text means null (blank"
                    + " values of non-string columns are null anyway).")
            .build();

    static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(PATH, FILE_FORMAT, COLUMN, FIELD_DELIMITER, ENCODING, COMPRESS, SKIP_HEADER, NULL_FORMAT,
                    SPLIT_SIZE).build();

    private LocalFileReaderOptions() {
    }
}
