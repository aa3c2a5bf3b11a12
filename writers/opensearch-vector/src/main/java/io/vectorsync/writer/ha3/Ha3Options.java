package io.vectorsync.writer.ha3;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import java.util.List;

/**
 * The parameters of the {@code opensearch-vector} writer, with the names of DataWorks' OpenSearch writer
 * ({@code host}, {@code accessId}/{@code accessKey}, {@code indexName}/{@code table}, {@code column},
 * {@code writeMode}, {@code batchSize}, {@code pageSize}, {@code ignoreWriteError}).
 */
public final class Ha3Options {
    private Ha3Options() {
    }

    public static final Option<String> ENDPOINT = Option.stringOption("endpoint").alias("host").required()
            .description("The instance's API endpoint from the console's Instance Details page, e.g. "
                    + "ha-cn-xxxx.public.ha.aliyuncs.com (http:// is assumed; write https://… to use TLS). "
                    + "DataWorks: host.").build();
    public static final Option<String> INSTANCE_ID = Option.stringOption("instanceId")
            .description("The instance ID (ha-cn-…). The push path names the table as {instanceId}_{table}; "
                    + "when unset it is taken from the endpoint's first label if that starts with \"ha-\".").build();
    public static final Option<String> USERNAME = Option.stringOption("username").alias("accessId", "userName")
            .required().description("The instance's API user name (Instance Details > API Endpoint). "
                    + "DataWorks scripts may call it accessId. An AccessKey ID is not accepted by this API.").build();
    public static final Option<Secret> PASSWORD = Option.secretOption("password").alias("accessKey")
            .required().description("The instance user's password, sent as HTTP Basic authentication. "
                    + "DataWorks scripts may call it accessKey.").build();
    public static final Option<String> TABLE = Option.stringOption("table").alias("indexName").required()
            .description("The table to push to, e.g. test (sent as {instanceId}_test) or the full "
                    + "ha-cn-xxxx_test. DataWorks: table or indexName.").build();

    static final Option<String> COLUMN_NAME = Option.stringOption("name").required()
            .description("An input field, written to the table field of the same name.").build();
    static final Option<String> COLUMN_TYPE = Option.stringOption("type").defaultValue("auto")
            .oneOf("auto", "vector", "string")
            .description("auto: follow the input (float vectors become JSON float arrays); vector: a float vector "
                    + "or a text such as \"[0.1,0.2]\", \"0.1,0.2\" or \"0.1 0.2\", sent as a JSON float array; "
                    + "string: the value's text.").build();
    static final ConfigSpec COLUMN_SPEC = ConfigSpec.builder().add(COLUMN_NAME, COLUMN_TYPE).build();
    public static final Option<List<PluginConfig>> COLUMN = Option.listOf("column", COLUMN_SPEC).shorthand("name")
            .required().description("The fields to write, in order: names (\"id\"), objects "
                    + "({\"name\":\"vec\",\"type\":\"vector\"}) or [\"*\"] for every input field.").build();
    public static final Option<String> PRIMARY_KEY = Option.stringOption("primaryKey").alias("pkField")
            .description("The table's primary key field, sent as X-Opensearch-Swift-PK-Field; it must be one of "
                    + "the columns. Default: id, when a column is named id.").build();
    public static final Option<String> WRITE_MODE = Option.stringOption("writeMode").defaultValue("add")
            .oneOf("add", "update", "delete")
            .description("The push command. add: write the whole document, replacing the one with the same "
                    + "primary key; update: change only the given fields of the document with that key; delete: "
                    + "delete by primary key (only the key is sent).").build();
    public static final Option<Integer> BATCH_SIZE = Option.intOption("batchSize").defaultValue(300)
            .check(n -> n > 0 && n <= 10_000, "must be between 1 and 10000")
            .description("Documents per push request (DataWorks default 300).").build();
    public static final Option<Integer> MAX_REQUEST_BYTES = Option.intOption("maxRequestBytes")
            .defaultValue(2 * 1024 * 1024).check(n -> n >= 1024, "must be at least 1024")
            .description("Largest push body in bytes; a batch that would be larger is sent in several requests. "
                    + "The Vector Search Edition refuses pushes over 2 MB.").build();
    public static final Option<Integer> PAGE_SIZE = Option.intOption("pageSize").defaultValue(100)
            .check(n -> n >= 1 && n <= 10_000, "must be between 1 and 10000")
            .description("DataWorks' OpenSearch writer page size (1-10000). Accepted and ignored: batchSize and "
                    + "maxRequestBytes size the requests.").build();
    public static final Option<Boolean> IGNORE_WRITE_ERROR = Option.booleanOption("ignoreWriteError")
            .defaultValue(false)
            .description("false: a push the engine refuses for a reason no single document explains (after "
                    + "retries) fails the job. true: its documents become dirty records with the engine's message "
                    + "and the job goes on (within setting.errorLimit). Documents the engine refuses one by one are "
                    + "dirty records either way; a refused user name or password always fails the job.").build();
    public static final Option<Integer> MAX_RETRIES = Option.intOption("maxRetries").defaultValue(5)
            .check(n -> n >= 0, "must not be negative")
            .description("Retries of a push that was throttled (HTTP 429, engine codes 3008/3013/3014), timed "
                    + "out (1000) or failed with HTTP 5xx or a network error.").build();
    public static final Option<Long> RETRY_INTERVAL_MS = Option.longOption("retryIntervalMs").defaultValue(1000L)
            .check(n -> n >= 0, "must not be negative")
            .description("First back-off in milliseconds; doubled on each retry, at most 30 s.").build();
    public static final Option<Integer> TIMEOUT = Option.intOption("timeout").defaultValue(10_000)
            .check(n -> n > 0, "must be positive")
            .description("Read timeout of a push in milliseconds (the SDK's default: 10000).").build();
    public static final Option<Integer> CONNECT_TIMEOUT = Option.intOption("connectTimeout").defaultValue(5_000)
            .check(n -> n > 0, "must be positive")
            .description("Connect timeout in milliseconds (the SDK's default: 5000).").build();
    public static final Option<String> VERSION = Option.stringOption("version")
            .description("DataWorks' OpenSearch API version (v2/v3) of the other editions. Accepted and ignored.")
            .build();

    public static final Option<String> EDITION = Option.stringOption("edition")
            .oneOf("vector", "vectorSearch", "vector-search", "ha3")
            .description("With DataWorks' \"stepType\": \"opensearch\", \"edition\": \"vector\" sends the step to this "
                    + "writer (as does a datasource of type opensearch-vector). Accepted and otherwise ignored.").build();

    /** Every option, in documentation order. */
    public static final ConfigSpec SPEC = ConfigSpec.builder().add(ENDPOINT, INSTANCE_ID, USERNAME, PASSWORD, TABLE,
            COLUMN, PRIMARY_KEY, WRITE_MODE, BATCH_SIZE, MAX_REQUEST_BYTES, PAGE_SIZE, IGNORE_WRITE_ERROR,
            MAX_RETRIES, RETRY_INTERVAL_MS, TIMEOUT, CONNECT_TIMEOUT, VERSION, EDITION).build();
}
