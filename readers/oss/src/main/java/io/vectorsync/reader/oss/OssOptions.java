package io.vectorsync.reader.oss;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import java.nio.charset.Charset;
import java.util.List;

/** The parameters of the {@code oss} reader, named as in DataWorks' and DataX's OSS reader. */
public final class OssOptions {
    public static final Option<String> ENDPOINT = Option.stringOption("endpoint").required()
            .description("OSS endpoint, e.g. http://oss-cn-hangzhou.aliyuncs.com (usually from the datasource).")
            .build();
    public static final Option<String> BUCKET = Option.stringOption("bucket").required()
            .description("Bucket to read from (usually from the datasource).").build();
    public static final Option<String> ACCESS_ID = Option.stringOption("accessId").required()
            .description("AccessKey ID (or the STS temporary AccessKey ID).").build();
    public static final Option<Secret> ACCESS_KEY = Option.secretOption("accessKey").required()
            .description("AccessKey secret (or the STS temporary secret).").build();
    public static final Option<Secret> SECURITY_TOKEN = Option.secretOption("securityToken")
            .description("STS security token, for temporary credentials.").build();
    public static final Option<List<String>> OBJECT = Option.stringListOption("object")
            .description("Object keys to read. `*` (any characters, `/` included) and `?` (one character) are "
                    + "wildcards: the bucket is listed under the literal prefix before the first wildcard and the "
                    + "keys are matched. A key without wildcards must exist. Required unless `path` is given.")
            .check(l -> !l.isEmpty(), "must name at least one object").build();
    public static final Option<List<String>> PATH = Option.stringListOption("path")
            .description("DataWorks' name for the objects with fileFormat parquet and orc: keys or patterns as in "
                    + "`object` (either may be used with any format).")
            .check(l -> !l.isEmpty(), "must name at least one object").build();
    public static final Option<String> PARQUET_SCHEMA = Option.stringOption("parquetSchema")
            .description("parquet: the message schema DataWorks/DataX take for the file. Accepted and checked to "
                    + "parse; the reader uses each file's own footer schema, so columns are found whatever it says.")
            .build();
    public static final Option<String> FILE_FORMAT = Option.stringOption("fileFormat").defaultValue("csv")
            .oneOf("csv", "text", "jsonl", "parquet", "orc")
            .description("csv (RFC 4180 quoting), text (plain delimiter split, no quoting), jsonl (one JSON "
                    + "text per line), parquet or orc (column chunks fetched with ranged GETs; column index = "
                    + "position in the file's schema).").build();
    public static final Option<List<PluginConfig>> COLUMN = Option.listOf("column", OssColumn.ELEMENT)
            .shorthand("name")
            .description("Columns: objects with the keys below, each with index, value or (jsonl) name alone. "
                    + "Omitted or [\"*\"] with jsonl: the whole line as one string field `col0`.").build();
    public static final Option<String> FIELD_DELIMITER = Option.stringOption("fieldDelimiter").defaultValue(",")
            .description("Field separator for csv and text; escapes like \\t or \\u001b are understood.")
            .check(s -> !s.isEmpty(), "must not be empty").build();
    public static final Option<String> ENCODING = Option.stringOption("encoding").defaultValue("UTF-8")
            .description("Character set of the objects; must encode '\\n' as the single byte 0x0A (UTF-8, GBK, "
                    + "ISO-8859-1…). Lines that do not decode are dirty records.")
            .check(OssOptions::isSupportedCharset, "unknown or unsupported character set").build();
    public static final Option<String> COMPRESS = Option.stringOption("compress").oneOf("gzip", "bzip2", "zip")
            .description("Compression of the objects; zip archives are read entry by entry.").build();
    public static final Option<Boolean> SKIP_HEADER = Option.booleanOption("skipHeader").defaultValue(false)
            .description("Skip the first line of every object (csv and text).").build();
    public static final Option<Long> SPLIT_SIZE = Option.longOption("splitSize").defaultValue(128L << 20)
            .check(n -> n > 0, "must be positive")
            .description("Uncompressed text/jsonl objects larger than this many bytes are read as several splits, "
                    + "line-aligned byte ranges of about this size, so a resumed run redoes only the unfinished "
                    + "ranges. csv and compressed objects are one split each.").build();
    public static final Option<String> NULL_FORMAT = Option.stringOption("nullFormat")
            .description("A field equal to this text becomes null (e.g. \\N).").build();

    private OssOptions() {
    }

    /** The reader's parameters. */
    public static ConfigSpec spec() {
        return ConfigSpec.builder().add(ENDPOINT, BUCKET, ACCESS_ID, ACCESS_KEY, SECURITY_TOKEN, OBJECT, PATH, PARQUET_SCHEMA, FILE_FORMAT,
                COLUMN, FIELD_DELIMITER, ENCODING, COMPRESS, SKIP_HEADER, NULL_FORMAT, SPLIT_SIZE).build();
    }

    private static boolean isSupportedCharset(String name) {
        try {
            Charset cs = Charset.forName(name);
            byte[] nl = "\n".getBytes(cs);
            return nl.length == 1 && nl[0] == '\n';
        } catch (RuntimeException e) {
            return false;
        }
    }
}
