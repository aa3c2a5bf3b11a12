package io.vectorsync.writer.hologres;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.Secret;
import java.util.List;
import java.util.Map;

/** The parameters of the {@code holo} writer, named as in DataWorks' Hologres writer (and DataX's hologresjdbcwriter). */
public final class HoloOptions {
    public static final Option<String> ENDPOINT = Option.stringOption("endpoint")
            .description("host:port of the Hologres (or PostgreSQL) endpoint, usually from the datasource.").build();
    public static final Option<String> JDBC_URL = Option.stringOption("jdbcUrl")
            .description("DataX style jdbc:postgresql://host:port/db URL; alternative to endpoint + database.").build();
    public static final Option<String> DATABASE = Option.stringOption("database")
            .description("Database name.").build();
    public static final Option<String> USERNAME = Option.stringOption("username").alias("user")
            .description("User (AccessKey ID for Hologres).").build();
    public static final Option<Secret> PASSWORD = Option.secretOption("password")
            .description("Password (AccessKey secret for Hologres).").build();
    public static final Option<String> SCHEMA = Option.stringOption("schema").alias("selectedDatabase")
            .defaultValue("public").description("Schema of the table, unless table is given as schema.table.").build();
    public static final Option<String> TABLE = Option.stringOption("table").required()
            .description("Target table, \"table\" or \"schema.table\"; for a partitioned table the parent.").build();
    public static final Option<List<String>> COLUMN = Option.stringListOption("column").defaultValue(List.of("*"))
            .description("Columns to write, matched to upstream fields by name; [\"*\"] = every table column that "
                    + "exists upstream. Must include the primary key for update and ignore.").build();
    public static final Option<String> CONFLICT_MODE = Option.stringOption("conflictMode")
            .oneOf("replace", "update", "ignore")
            .description("On primary key conflict: replace = the whole row (unwritten columns become NULL), "
                    + "update = only the written columns, ignore = keep the existing row. Default ignore (as the "
                    + "DataWorks UI); DataX's writeMode REPLACE/UPDATE/IGNORE and insertOrReplace/insertOrUpdate/"
                    + "insertOrIgnore are accepted too.").build();
    public static final Option<String> WRITE_MODE = Option.stringOption("writeMode").defaultValue("insert")
            .oneOf("insert", "sdk", "replace", "update", "ignore", "insertOrReplace", "insertOrUpdate",
                    "insertOrIgnore", "insert_or_replace", "insert_or_update", "insert_or_ignore")
            .description("insert (SQL) or sdk (accepted, same path here); a conflict spelling (DataX REPLACE/UPDATE/"
                    + "IGNORE, insertOrReplace…) sets conflictMode.").build();
    public static final Option<Boolean> TRUNCATE = Option.booleanOption("truncate").defaultValue(false)
            .description("Empty the table before loading (with partition: delete that partition's rows).").build();
    public static final Option<String> PARTITION = Option.stringOption("partition")
            .description("col=value of a list-partitioned table: every row gets this value, written through "
                    + "the parent.").build();
    public static final Option<Integer> BATCH_SIZE = Option.intOption("batchSize").defaultValue(512)
            .check(n -> n > 0 && n <= 100_000, "must be between 1 and 100000")
            .description("Rows per INSERT statement or COPY.").build();
    public static final Option<Boolean> CREATE_TABLE = Option.booleanOption("createTableIfNotExist").defaultValue(false)
            .description("Create a missing table from the upstream schema (float_vector → float4[] with a "
                    + "dimension CHECK).").build();
    public static final Option<List<String>> PRIMARY_KEY = Option.stringListOption("primaryKey")
            .description("Primary key columns of a table the writer creates.").build();
    public static final Option<Map<String, Object>> VECTOR_INDEX = Option.objectOption("vectorIndex")
            .description("Hologres vector index for a created table, applied to every float4[] column: "
                    + "{\"algorithm\":\"HGraph\"|\"Graph\", \"distance_method\":\"Cosine\"|\"Euclidean\"|"
                    + "\"SquaredEuclidean\"|\"InnerProduct\", \"builder_params\":{…}}. HGraph uses the vectors table "
                    + "property (V4.0+), Graph the Proxima proxima_vectors property. Ignored on plain PostgreSQL.")
            .build();
    public static final Option<Boolean> USE_COPY = Option.booleanOption("useCopy").defaultValue(true)
            .description("Use binary COPY when no key conflict is possible (table without primary key, or empty "
                    + "at the start of the run); false always uses INSERT … ON CONFLICT.").build();
    public static final Option<Integer> MAX_RETRIES = Option.intOption("maxRetries").defaultValue(3)
            .check(n -> n >= 0, "must not be negative")
            .description("Retries of a batch after a connection or transient server failure.").build();
    public static final Option<Long> RETRY_INTERVAL_MS = Option.longOption("retryIntervalMs").defaultValue(1000L)
            .check(n -> n >= 0, "must not be negative").description("First retry back-off, doubling.").build();
    public static final Option<Integer> MAX_CONNECTION_COUNT = Option.intOption("maxConnectionCount")
            .description("Accepted for DataWorks compatibility; the writer opens one connection per stream.").build();
    public static final Option<Boolean> RESHUFFLE = Option.booleanOption("reShuffleByDistributionKey")
            .defaultValue(false).description("Accepted for DataWorks compatibility; no effect.").build();

    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(ENDPOINT, JDBC_URL, DATABASE, USERNAME, PASSWORD, SCHEMA, TABLE, COLUMN, CONFLICT_MODE, WRITE_MODE,
                    TRUNCATE, PARTITION, BATCH_SIZE, CREATE_TABLE, PRIMARY_KEY, VECTOR_INDEX, USE_COPY, MAX_RETRIES,
                    RETRY_INTERVAL_MS, MAX_CONNECTION_COUNT, RESHUFFLE)
            .build();

    private HoloOptions() {
    }
}
