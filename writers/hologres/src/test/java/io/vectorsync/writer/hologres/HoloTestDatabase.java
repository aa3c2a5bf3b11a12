package io.vectorsync.writer.hologres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** One embedded PostgreSQL (zonky) per test JVM, started on first use and stopped at JVM exit. */
final class HoloTestDatabase {
    private static EmbeddedPostgres pg;

    private HoloTestDatabase() {
    }

    static synchronized EmbeddedPostgres get() {
        if (pg == null) {
            try {
                File work = new File("target/embedded-pg");
                work.mkdirs();
                pg = EmbeddedPostgres.builder().setOverrideWorkingDirectory(work)
                        .setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off").start();
                EmbeddedPostgres started = pg;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception ignored) {
                        // JVM is exiting
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start embedded PostgreSQL", e);
            }
        }
        return pg;
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + get().getPort() + "/postgres", "postgres", "");
    }

    static void exec(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** The writer's connection parameters as a datasource entry would give them. */
    static Map<String, Object> params(String table) {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", "localhost:" + get().getPort());
        p.put("database", "postgres");
        p.put("username", "postgres");
        p.put("password", "not-checked-by-trust-auth");
        p.put("table", table);
        p.put("retryIntervalMs", 10);
        return p;
    }
}
