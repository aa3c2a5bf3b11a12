package io.vectorsync.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection against the real distribution: localfile → onnx → PostgreSQL through the {@code holo} writer
 * ({@code conflictMode: replace} on a primary key, {@code truncate: true}) killed with SIGKILL during prepare, at
 * ~30 % and at ~90 % of the records, then rerun with {@code --resume}: the table must equal a clean run's table (same
 * ids, texts and vectors, same count), and the journalled truncate must not have been run again.
 */
class KillAndResumePostgresIT {
    private static EmbeddedPostgres pg;
    private static Map<String, Object[]> clean;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgresAndRunCleanJob() throws Exception {
        File work = new File("target/faults-pg");
        work.mkdirs();
        pg = EmbeddedPostgres.builder().setOverrideWorkingDirectory(work).start();
        Path job = FaultJobs.postgresJob(shared, FaultJobs.input(shared), 0);
        FaultJobs.Run r = FaultJobs.run(shared, "clean", job, params("clean"));
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

    private static String[] params(String table) {
        return new String[] {"-p", "PG_ENDPOINT=localhost:" + pg.getPort(), "-p", "TABLE=" + table};
    }

    @Test
    void killedDuringPrepare() throws Exception {
        killThenResume("prepare", -1);
    }

    @Test
    void killedAtThirtyPercent() throws Exception {
        killThenResume("at30", FaultJobs.ROWS * 30 / 100);
    }

    @Test
    void killedAtNinetyPercent() throws Exception {
        killThenResume("at90", FaultJobs.ROWS * 90 / 100);
    }

    private static String index(int killAfter) {
        return killAfter < 0 ? "killed during prepare" : "killed after " + killAfter + " journalled records";
    }

    private void killThenResume(String table, int killAfterRecords) throws Exception {
        Path job = FaultJobs.postgresJob(dir, FaultJobs.input(dir), FaultJobs.SLOW_RECORDS_PER_SECOND);
        long killedAt = FaultJobs.startAndKill(dir, job, killAfterRecords, params(table));
        Path state = dir.resolve(".vectorsync/state");
        assertTrue(Files.isDirectory(state), "the killed run left its journal");

        FaultJobs.Run resumed = FaultJobs.run(dir, "resume", job, FaultJobs.concat(params(table), "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        var report = resumed.report();
        assertEquals(FaultJobs.ROWS, report.get("recordsRead").asLong(), "final-state counts: " + report);
        assertEquals(FaultJobs.ROWS, report.get("recordsWritten").asLong(), report.toString());
        long readThisRun = report.at("/steps/0/recordsIn").asLong();
        System.out.println(getClass().getSimpleName() + " " + index(killAfterRecords) + ": resumed run read "
                + readThisRun + ", resume " + report.get("resume") + ", embed " + report.at("/steps/1/metrics"));
        if (killAfterRecords > 0) {
            assertTrue(readThisRun <= FaultJobs.ROWS - killedAt, "killed with " + killedAt + " records journalled "
                    + "done, the resumed run read " + readThisRun + " of " + FaultJobs.ROWS);
            assertTrue(report.at("/resume/splitsSkipped").asInt() > 0, report.toString());
        }
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
        assertFalse(FaultJobs.hasJobState(state), "the state is removed after the successful resumed run");
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
