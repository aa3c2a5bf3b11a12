package io.vectorsync.reader.odps;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import java.util.List;

/** The parameters of the {@code odps} reader, named as in DataWorks' MaxCompute reader and DataX's odpsreader. */
public final class OdpsOptions {
    public static final Option<String> ENDPOINT = Option.stringOption("endpoint").required()
            .description("MaxCompute API endpoint, e.g. http://service.cn-hangzhou.maxcompute.aliyun.com/api "
                    + "(usually from the datasource).").alias("odpsServer").build();
    public static final Option<String> PROJECT = Option.stringOption("project").required()
            .description("MaxCompute project of the table.").build();
    public static final Option<String> ACCESS_ID = Option.stringOption("accessId").required()
            .description("AccessKey ID.").build();
    public static final Option<Secret> ACCESS_KEY = Option.secretOption("accessKey").required()
            .description("AccessKey secret.").build();
    public static final Option<String> TUNNEL_ENDPOINT = Option.stringOption("tunnelEndpoint")
            .description("Tunnel endpoint; discovered from the API endpoint when not set.").alias("tunnelServer")
            .build();
    public static final Option<String> SCHEMA = Option.stringOption("schema")
            .description("Schema of the table, for projects with the three-layer model.").build();
    public static final Option<String> TABLE = Option.stringOption("table").required()
            .description("Table to read.").build();
    public static final Option<List<String>> PARTITION = Option.stringListOption("partition")
            .description("Partitions to read, e.g. [\"pt=20240101,ds=hangzhou\"] or [\"split=dev\"]; `*` and `?` are "
                    + "wildcards in values (\"pt=*\"), resolved against the table's partitions. Required for "
                    + "partitioned tables.").build();
    public static final Option<Boolean> SUCCESS_ON_NO_PARTITION = Option.booleanOption("successOnNoPartition")
            .defaultValue(false)
            .description("When no partition matches: true reads zero records and succeeds, false fails.").build();
    public static final Option<List<PluginConfig>> COLUMN = Option.listOf("column", OdpsColumn.ELEMENT)
            .shorthand("name").required()
            .description("Columns to read: names (read as string), {\"name\", \"type\"} objects (converted to type), "
                    + "'quoted' constants, or [\"*\"] for every column with its MaxCompute type (this needs a "
                    + "connection when the job is planned). Partition keys may be named too. With enableWhere, "
                    + "SQL expressions too (\"upper(x) AS y\"; unnamed ones are _c<i>).").build();
    public static final Option<Boolean> ENABLE_WHERE = Option.booleanOption("enableWhere").defaultValue(false)
            .description("true: select rows with `where`, evaluated in MaxCompute by a SQL instance whose result is "
                    + "read through the instance tunnel (partition, if set, is added to the query as a predicate); "
                    + "false: read whole partitions through the table tunnel.").build();
    public static final Option<String> WHERE = Option.stringOption("where")
            .description("MaxCompute SQL predicate, e.g. \"gmt_create >= '2024-01-01' AND status = 1\"; required "
                    + "when enableWhere is true, ignored when it is false, as in DataX.").build();
    public static final Option<String> TUNNEL_QUOTA = Option.stringOption("tunnelQuota")
            .description("Exclusive tunnel quota name to download with; empty or \"default\" uses the shared "
                    + "quota. When MaxCompute answers that the quota is unavailable (overdue, expired), the reader "
                    + "switches to the shared quota with a warning.").build();
    public static final Option<String> SPLIT_MODE = Option.stringOption("splitMode").defaultValue("record")
            .oneOf("record", "partition")
            .description("record: cut every partition's records into ranges (at least speed.concurrent splits, "
                    + "none larger than splitRecords); partition: one split per partition.").build();
    public static final Option<Long> SPLIT_RECORDS = Option.longOption("splitRecords").defaultValue(1_000_000L)
            .check(n -> n > 0, "must be positive")
            .description("With splitMode record: the most records in one split, so a large table is read in ranges "
                    + "a resumed run can skip or redo one by one.").build();

    private OdpsOptions() {
    }

    /** The reader's parameters. */
    public static ConfigSpec spec() {
        return ConfigSpec.builder().add(ENDPOINT, PROJECT, ACCESS_ID, ACCESS_KEY, TUNNEL_ENDPOINT, SCHEMA, TABLE,
                PARTITION, SUCCESS_ON_NO_PARTITION, COLUMN, ENABLE_WHERE, WHERE, TUNNEL_QUOTA, SPLIT_MODE, SPLIT_RECORDS)
                .build();
    }
}
