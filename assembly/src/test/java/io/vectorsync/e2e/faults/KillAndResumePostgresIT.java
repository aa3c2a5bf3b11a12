package io.vectorsync.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection against the real distribution: localfile → onnx → PostgreSQL through the {@code holo} writer
 * ({@code conflictMode: replace} on a primary key, {@code truncate: true}) killed with SIGKILL during prepare, at
 * ~30 % and at ~90 % of the records, then rerun with {@code --resume}: the table must equal a clean run's table (same
 * ids, texts and vectors, same count), and the journalled truncate must not have been run again.
 */
class KillAndResumePostgresIT extends KillAndResumeContract {
    private static EmbeddedPostgres pg;
    private static Map<String, Object[]> clean;

    @TempDir
    static Path shared;

    @BeforeAll
    static void startPostgresAndRunCleanJob() throws Exception {
        File work = new File("target/faults-pg");
        work.mkdirs();
        pg = EmbeddedPostgres.builder().setOverrideWorkingDirectory(work).start();
        Path job = FaultJobs.postgresJob(shared, FaultJobs.input(shared), 0);
        FaultJobs.Run r = FaultJobs.run(shared, "clean", job, tableParams("clean"));
        assertEquals(0, r.exitCode(), r.stderr());
        clean = rows("clean");
        assertEquals(FaultJobs.ROWS, clean.size());
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private static String[] tableParams(String table) {
        return new String[] {"-p", "PG_ENDPOINT=localhost:" + pg.getPort(), "-p", "TABLE=" + table};
    }

    @Override
    protected Path slowJob(Path dir, Path input) throws Exception {
        return FaultJobs.postgresJob(dir, input, FaultJobs.SLOW_RECORDS_PER_SECOND);
    }

    @Override
    protected String[] params(String table) {
        return tableParams(table);
    }

    @Override
    protected void assertSameAsCleanRun(String table) throws Exception {
        Map<String, Object[]> now = rows(table);
        assertEquals(clean.keySet(), now.keySet(), "same ids");
        for (Map.Entry<String, Object[]> e : clean.entrySet()) {
            Object[] a = now.get(e.getKey());
            assertEquals(e.getValue()[0], a[0], "text of " + e.getKey());
            Float[] ev = (Float[]) e.getValue()[1];
            Float[] av = (Float[]) a[1];
            assertEquals(ev.length, av.length);
            for (int i = 0; i < ev.length; i++) {
                assertEquals(ev[i], av[i], 1e-5f, "vector of " + e.getKey() + " at " + i);
            }
        }
    }

    private static Map<String, Object[]> rows(String table) throws Exception {
        Map<String, Object[]> rows = new TreeMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, sentence, vec FROM " + table)) {
            while (rs.next()) {
                Array vec = rs.getArray(3);
                rows.put(rs.getString(1), new Object[] {rs.getString(2), vec.getArray()});
            }
        }
        return rows;
    }
}
