package io.vectorsync.writer.hologres;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records to a Hologres (or PostgreSQL) table over JDBC: checks the table and columns before anything
 * is written, optionally creates or truncates it, then lets each stream write batches through binary COPY when
 * no key conflict is possible, else through {@code INSERT … ON CONFLICT}.
 */
public final class HoloWriter implements Writer {
    private static final Logger LOG = LoggerFactory.getLogger(HoloWriter.class);

    private final PluginConfig config;
    private final PluginContext context;
    private final String step;
    private final String schema;
    private final String table;
    private final List<String> column;
    private final HoloConflictMode mode;
    private final String partitionColumn;
    private final String partitionValue;
    private Schema input;
    private Connection connection;
    private boolean hologres;
    private boolean exists;
    private HoloTable target;
    private HoloPlan plan;

    HoloWriter(PluginConfig config, PluginContext context) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.context = Objects.requireNonNull(context, "context is null");
        this.step = context.stepName();
        String t = config.get(HoloOptions.TABLE).trim();
        int dot = t.indexOf('.');
        this.schema = dot > 0 ? unquote(t.substring(0, dot)) : config.get(HoloOptions.SCHEMA);
        this.table = dot > 0 ? unquote(t.substring(dot + 1)) : unquote(t);
        this.column = config.get(HoloOptions.COLUMN);
        this.mode = HoloConflictMode.resolve(config.get(HoloOptions.CONFLICT_MODE), config.get(HoloOptions.WRITE_MODE));
        String partition = config.get(HoloOptions.PARTITION);
        if (partition != null && !partition.isBlank()) {
            int eq = partition.indexOf('=');
            if (eq <= 0) {
                throw PluginException.config("partition", "expected col=value, got \"" + partition + "\"");
            }
            partitionColumn = partition.substring(0, eq).trim();
            partitionValue = partition.substring(eq + 1).trim().replaceAll("^'(.*)'$", "$1");
        } else {
            partitionColumn = null;
            partitionValue = null;
        }
        if (config.get(HoloOptions.ENDPOINT) == null && config.get(HoloOptions.JDBC_URL) == null) {
            throw PluginException.config("endpoint", "give endpoint (host:port) and database, or jdbcUrl");
        }
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private boolean allColumns() {
        return column.size() == 1 && column.get(0).equals("*");
    }

    @Override
    public void bind(Schema input) {
        this.input = Objects.requireNonNull(input, "input is null");
        if (!allColumns()) {
            for (int i = 0; i < column.size(); i++) {
                if (input.indexOf(column.get(i)) < 0 && !column.get(i).equals(partitionColumn)) {
                    throw new PluginException(HoloErrorCode.COLUMN_INVALID, "step \"" + step + "\": column[" + i
                            + "] \"" + column.get(i) + "\" is not an upstream field; upstream fields: " + input.names());
                }
            }
        }
    }

    String jdbcUrl() {
        String url = config.get(HoloOptions.JDBC_URL);
        if (url != null) {
            return url;
        }
        String db = config.get(HoloOptions.DATABASE);
        if (db == null) {
            throw PluginException.config("database", "required with endpoint");
        }
        return "jdbc:postgresql://" + config.get(HoloOptions.ENDPOINT) + "/" + db;
    }

    /** A new connection with the writer's settings (autocommit, untyped string parameters). */
    Connection connect() throws SQLException {
        Properties p = new Properties();
        if (config.get(HoloOptions.USERNAME) != null) {
            p.setProperty("user", config.get(HoloOptions.USERNAME));
        }
        Secret password = config.get(HoloOptions.PASSWORD);
        if (password != null) {
            p.setProperty("password", password.reveal());
        }
        p.setProperty("stringtype", "unspecified");
        p.setProperty("ApplicationName", "vectorsync");
        p.setProperty("connectTimeout", "10");
        p.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(jdbcUrl(), p);
        c.setAutoCommit(true);
        return c;
    }

    @Override
    public void check() {
        if (input == null) {
            throw new IllegalStateException("bind() must run first");
        }
        try {
            if (connection == null) {
                connection = connect();
            }
        } catch (SQLException e) {
            throw new PluginException(HoloErrorCode.CONNECT_FAILED, "step \"" + step + "\": cannot connect to "
                    + jdbcUrl() + " as " + config.get(HoloOptions.USERNAME) + ": " + e.getMessage()
                    + "; check endpoint, database and credentials", e);
        }
        try {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                hologres = rs.getString(1).contains("Hologres");
            }
            exists = HoloTable.exists(connection, schema, table);
            if (!exists && !config.get(HoloOptions.CREATE_TABLE)) {
                throw new PluginException(HoloErrorCode.TABLE_MISSING, "step \"" + step + "\": table "
                        + HoloTable.qualified(schema, table) + " does not exist; create it or set "
                        + "createTableIfNotExist to true");
            }
            if (exists) {
                target = HoloTable.load(connection, schema, table);
                plan = plan(target, false);
            }
        } catch (SQLException e) {
            throw failed("inspect table " + HoloTable.qualified(schema, table), e);
        }
    }

    private PluginException failed(String what, SQLException e) {
        return new PluginException(HoloErrorCode.STATEMENT_FAILED, "step \"" + step + "\": could not " + what + ": "
                + e.getMessage(), e);
    }

    @Override
    public void prepare() {
        if (connection == null) {
            check();
        }
        String qualified = HoloTable.qualified(schema, table);
        try {
            if (!exists) {
                List<String> ddl = createStatements();
                LOG.info("step {}: creating {}", step, qualified);
                try (Statement s = connection.createStatement()) {
                    for (String sql : ddl) {
                        s.execute(sql);
                    }
                }
                exists = true;
                target = HoloTable.load(connection, schema, table);
            }
            if (config.get(HoloOptions.TRUNCATE)) {
                if (partitionColumn == null) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("TRUNCATE TABLE " + qualified);
                    }
                } else {
                    try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + qualified + " WHERE "
                            + HoloTable.quote(partitionColumn) + " = ?")) {
                        ps.setString(1, partitionValue);
                        ps.executeUpdate();
                    }
                }
            }
            boolean copy = config.get(HoloOptions.USE_COPY)
                    && (target.primaryKey.isEmpty() || HoloTable.isEmpty(connection, qualified));
            plan = plan(target, copy);
            LOG.info("step {}: writing {} columns to {} with {}", step, plan.columns().size(), qualified,
                    plan.copy() ? "binary COPY" : "INSERT … ON CONFLICT (" + mode + ")");
        } catch (SQLException e) {
            throw failed("prepare table " + qualified, e);
        }
    }

    /**
     * With a primary key every conflictMode makes a replay harmless (replace and update write the same values
     * again, ignore keeps the row already there); without one rows are plain inserts and a replay duplicates
     * them. The key is read from the catalog by {@link #check()}; before that it is known only for a table the
     * writer creates ({@code primaryKey}).
     */
    @Override
    public Idempotence idempotence() {
        List<String> key = target != null ? target.primaryKey
                : !exists && config.get(HoloOptions.CREATE_TABLE) && config.get(HoloOptions.PRIMARY_KEY) != null
                ? config.get(HoloOptions.PRIMARY_KEY) : null;
        String qualified = HoloTable.qualified(schema, table);
        if (key == null) {
            return Idempotence.no("cannot tell before connecting whether table " + qualified + " has a primary key;"
                    + " let the writer check it first");
        }
        if (key.isEmpty()) {
            return Idempotence.no("table " + qualified + " has no primary key, so replayed rows are inserted again;"
                    + " give it a primary key (with createTableIfNotExist: primaryKey) and use conflictMode replace,"
                    + " update or ignore");
        }
        return Idempotence.yes("conflictMode " + mode.name().toLowerCase(java.util.Locale.ROOT) + " on primary key "
                + key + " of " + qualified + " writes a replayed row over itself");
    }

    /**
     * Nothing to undo: every batch was committed on its own (autocommit), so rows written before the failure
     * stay; a table this run created stays, and a {@code truncate} already done is not undone.
     */
    @Override
    public void abort(Throwable cause) {
        LOG.info("step {}: the job did not succeed; rows already written to {} stay", step,
                HoloTable.qualified(schema, table));
    }

    /** The statements that would create the table (public for the generated-SQL tests). */
    List<String> createStatements() {
        List<Field> fields = new ArrayList<>();
        List<String> names = allColumns() ? input.names() : column;
        for (String n : names) {
            if (n.equals(partitionColumn) && input.indexOf(n) < 0) {
                fields.add(Field.of(n, DataType.STRING));
            } else {
                fields.add(input.field(input.require(n)));
            }
        }
        if (partitionColumn != null && !names.contains(partitionColumn)) {
            fields.add(Field.of(partitionColumn, DataType.STRING));
        }
        List<String> pk = config.getIfSet(HoloOptions.PRIMARY_KEY).orElse(List.of());
        for (String k : pk) {
            if (fields.stream().noneMatch(f -> f.name().equals(k))) {
                throw PluginException.config("primaryKey", "\"" + k + "\" is not a written column " + names);
            }
        }
        return HoloDdl.createTable(schema, table, fields, pk, config.get(HoloOptions.VECTOR_INDEX), hologres);
    }

    void forceHologres(boolean value) {
        this.hologres = value;
    }

    private HoloPlan plan(HoloTable t, boolean copy) {
        List<HoloColumn> cols = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (allColumns()) {
            for (HoloColumn c : t.columns) {
                if (input.indexOf(c.name()) >= 0) {
                    names.add(c.name());
                }
            }
            if (names.isEmpty()) {
                throw new PluginException(HoloErrorCode.COLUMN_INVALID, "step \"" + step + "\": no column of "
                        + t.qualified() + " " + t.columns.stream().map(HoloColumn::name).toList()
                        + " has an upstream field of the same name; upstream fields: " + input.names());
            }
        } else {
            names.addAll(column);
        }
        if (partitionColumn != null && !names.contains(partitionColumn)) {
            names.add(partitionColumn);
        }
        for (String n : names) {
            HoloColumn c = t.column(n).orElseThrow(() -> new PluginException(HoloErrorCode.COLUMN_INVALID,
                    "step \"" + step + "\": column \"" + n + "\" is not a column of " + t.qualified() + "; its columns: "
                            + t.columns.stream().map(HoloColumn::name).toList()));
            cols.add(c);
            sources.add(n.equals(partitionColumn) ? -1 : input.indexOf(n));
            checkDimension(t, c, input.indexOf(n));
        }
        for (String k : t.primaryKey) {
            if (!names.contains(k)) {
                throw new PluginException(HoloErrorCode.COLUMN_INVALID, "step \"" + step + "\": primary key column \""
                        + k + "\" of " + t.qualified() + " is not written; add it to column (conflictMode "
                        + mode.name().toLowerCase(java.util.Locale.ROOT) + " needs the whole primary key)");
            }
        }
        List<String> nullOnReplace = new ArrayList<>();
        for (HoloColumn c : t.columns) {
            if (!names.contains(c.name()) && !t.primaryKey.contains(c.name())) {
                nullOnReplace.add(c.name());
            }
        }
        Object constant = partitionColumn == null ? null
                : HoloValues.normalize(partitionValue, t.column(partitionColumn).orElseThrow());
        boolean copyable = copy && HoloCopyEncoder.supports(cols);
        return new HoloPlan(t.qualified(), cols, sources.stream().mapToInt(Integer::intValue).toArray(), constant,
                t.primaryKey, nullOnReplace, mode, copyable);
    }

    private void checkDimension(HoloTable t, HoloColumn c, int source) {
        if (source < 0 || c.dimension() <= 0) {
            return;
        }
        DataType in = input.field(source).type();
        if (in.kind() == DataType.Kind.FLOAT_VECTOR && in.dimension() != c.dimension()) {
            throw new PluginException(HoloErrorCode.DIMENSION_MISMATCH, "step \"" + step + "\": column \"" + c.name()
                    + "\" of " + t.qualified() + " holds vectors of dimension " + c.dimension() + " (CHECK "
                    + "array_length) but upstream field \"" + input.field(source).name() + "\" has " + in.dimension());
        }
    }

    @Override
    public WriterTask openTask(int streamIndex) throws SQLException {
        if (plan == null && !exists && connection != null) {
            // a resumed run skips prepare, which created the table in an earlier attempt: the target was reset since
            throw new PluginException(HoloErrorCode.TABLE_MISSING, "step \"" + step + "\": table "
                    + HoloTable.qualified(schema, table) + " does not exist, yet an earlier attempt of this job created"
                    + " it (a resumed run does not run prepare again): the target was dropped or reset since; rerun"
                    + " the job without --resume");
        }
        if (plan == null) {
            throw new IllegalStateException("check() and prepare() must run before openTask()");
        }
        return new HoloWriterTask(this::connect, context, plan, config.get(HoloOptions.BATCH_SIZE),
                config.get(HoloOptions.MAX_RETRIES), config.get(HoloOptions.RETRY_INTERVAL_MS));
    }

    HoloPlan plan() {
        return plan;
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
