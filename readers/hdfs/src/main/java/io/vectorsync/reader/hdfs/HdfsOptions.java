package io.vectorsync.reader.hdfs;

import io.vectorsync.reader.format.FileColumn;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import java.util.List;
import java.util.Map;

/** The parameters of the {@code hdfs} reader, named as in DataWorks' HDFS reader and DataX's hdfsreader. */
public final class HdfsOptions {
    private HdfsOptions() {
    }

    public static final Option<String> DEFAULT_FS = Option.stringOption("defaultFS")
            .description("The file system URI, e.g. hdfs://namenode:8020 or hdfs://nameservice1 (HA, with the "
                    + "nameservice keys in hadoopConfig). Usually comes from the datasource. May be left out when "
                    + "every path is a full URI.")
            .build();

    public static final Option<List<String>> PATH = Option.stringListOption("path").required()
            .description("File, directory or glob (*, ?, [abc], {a,b}) to read; a string or a list. Directories "
                    + "are read recursively; names starting with '.' or '_' (e.g. _SUCCESS) are skipped in "
                    + "directory listings and glob matches.")
            .build();

    public static final Option<String> FILE_TYPE = Option.stringOption("fileType").required()
            .oneOf("text", "csv", "orc", "parquet")
            .description("File format. text: lines split on fieldDelimiter, no quoting (Hive textfile); csv: "
                    + "RFC-4180 style with quotes (see csvReaderConfig); orc and parquet: read with their "
                    + "libraries, column index = position in the file schema.")
            .build();

    public static final Option<List<PluginConfig>> COLUMN = Option.listOf("column", FileColumn.ELEMENT)
            .shorthand("name")
            .description("Columns to read: [\"*\"] (every column: the file's own schema for orc/parquet, every "
                    + "field as string for text/csv) or objects with the keys below, each with exactly one of index "
                    + "and value.")
            .build();

    public static final Option<Long> SPLIT_SIZE = Option.longOption("splitSize").defaultValue(128L << 20)
            .check(n -> n > 0, "must be positive")
            .description("Uncompressed text/csv files larger than this many bytes are read as several splits, each "
                    + "a range of whole lines (csv: whole records) of about this size, so streams share a large "
                    + "file and a resumed run redoes only the unfinished ranges. Compressed, orc and parquet files "
                    + "are one split each.")
            .build();

    public static final Option<String> FIELD_DELIMITER = Option.stringOption("fieldDelimiter").defaultValue(",")
            .check(s -> !s.isEmpty(), "must not be empty")
            .description("Field separator of text/csv files (Hive's default is \\u0001). One character for csv; "
                    + "text accepts a longer string. Not used for orc/parquet.")
            .build();

    public static final Option<String> ENCODING = Option.stringOption("encoding").defaultValue("UTF-8")
            .description("Character set of text/csv files. Must be ASCII-compatible (UTF-8, GBK, ISO-8859-1 …).")
            .build();

    public static final Option<String> COMPRESS = Option.stringOption("compress")
            .oneOf("none", "gzip", "bzip2", "bz2", "zip", "snappy", "hadoop-snappy", "framing-snappy", "deflate",
                    "zstd")
            .description("Compression of text/csv files. Unset: detected from the file suffix (.gz, .bz2, "
                    + ".snappy, .deflate, .zst, .zip), else none. gzip, bzip2 (bz2), snappy (= hadoop-snappy) and "
                    + "deflate use Hadoop's codecs; framing-snappy (snappy frame format) and zstd use "
                    + "commons-compress; zip reads every entry of the archive in turn. ORC/Parquet carry their own compression.")
            .build();

    public static final Option<String> NULL_FORMAT = Option.stringOption("nullFormat")
            .description("Text that stands for null in text/csv files, e.g. \\N. Unset: no text is null (an "
                    + "empty field of a non-string column is null).")
            .build();

    public static final Option<Boolean> SKIP_HEADER = Option.booleanOption("skipHeader").defaultValue(false)
            .description("Skip the first line of each text/csv file. With column [\"*\"] its fields name the "
                    + "columns.")
            .build();

    public static final Option<Map<String, Object>> CSV_READER_CONFIG = Option.objectOption("csvReaderConfig")
            .description("csv only, javacsv's keys with DataX's defaults: useTextQualifier (true), textQualifier "
                    + "(\"), skipEmptyRecords (true), trimWhitespace (true), useComments (false) + comment (#), "
                    + "escapeMode (1: doubled quotes, 2: backslash), safetySwitch (fields of at most 100,000 "
                    + "characters: false without csvReaderConfig, true when csvReaderConfig is given without it). "
                    + "delimiter overrides fieldDelimiter; caseSensitive, captureRawRecord, recordDelimiter are "
                    + "accepted and have no effect.")
            .build();

    public static final Option<Map<String, Object>> HADOOP_CONFIG = Option.objectOption("hadoopConfig")
            .description("Hadoop configuration keys set on the client, e.g. the HA keys dfs.nameservices, "
                    + "dfs.ha.namenodes.*, dfs.namenode.rpc-address.*, dfs.client.failover.proxy.provider.*, or "
                    + "dfs.client.use.datanode.hostname.")
            .build();

    public static final Option<Boolean> HAVE_KERBEROS = Option.booleanOption("haveKerberos").defaultValue(false)
            .description("Log in with kerberosPrincipal and kerberosKeytabFilePath before reading.")
            .build();

    public static final Option<String> KERBEROS_KEYTAB_FILE_PATH = Option.stringOption("kerberosKeytabFilePath")
            .description("Local path of the keytab file (haveKerberos=true).")
            .build();

    public static final Option<String> KERBEROS_PRINCIPAL = Option.stringOption("kerberosPrincipal")
            .description("Kerberos principal, e.g. vsync/host@EXAMPLE.COM (haveKerberos=true).")
            .build();

    public static final Option<String> KERBEROS_CONF_FILE_PATH = Option.stringOption("kerberosConfFilePath")
            .description("DataX: path of krb5.conf, set as java.security.krb5.conf (haveKerberos=true).")
            .build();

    public static final Option<String> HDFS_USERNAME = Option.stringOption("hdfsUsername")
            .description("DataX: user name to access HDFS as (simple authentication). Unset: the process user.")
            .build();

    public static final Option<Boolean> SUCCESS_ON_NO_FILE = Option.booleanOption("successOnNoFile")
            .defaultValue(false)
            .description("When path matches no file: true reads nothing, false (default) fails naming the path.")
            .build();

    public static final Option<String> PARQUET_SCHEMA = Option.stringOption("parquetSchema")
            .description("Accepted for DataWorks compatibility and not needed: the schema is read from each "
                    + "Parquet file's footer.")
            .build();

    /** Every option, in documentation order. */
    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(DEFAULT_FS, PATH, FILE_TYPE, COLUMN, FIELD_DELIMITER, ENCODING, COMPRESS, NULL_FORMAT, SKIP_HEADER,
                    CSV_READER_CONFIG, HADOOP_CONFIG, HAVE_KERBEROS, KERBEROS_KEYTAB_FILE_PATH, KERBEROS_PRINCIPAL,
                    KERBEROS_CONF_FILE_PATH, HDFS_USERNAME, SUCCESS_ON_NO_FILE, PARQUET_SCHEMA, SPLIT_SIZE)
            .build();
}
