package io.vectorsync.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.testkit.servers.SearchServerLauncher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target server restarted in the middle of a job: PostgreSQL (the holo writer's target) or the Elasticsearch node
 * is stopped while the job writes and started again on the same port and data. The job either retries and completes,
 * or fails with an error naming the table; then {@code --resume} completes it. Either way the table ends equal to a
 * clean run's table: nothing lost, nothing doubled.
 */
class TargetRestartIT {
    @TempDir
    Path dir;

    @Test
    void postgresRestartedMidJob() throws Exception {
        Path data = dir.resolve("pgdata");
        int port = freePort();
        EmbeddedPostgres pg = start(data, port, true);
        try {
            String[] cleanParams = {"-p", "PG_ENDPOINT=localhost:" + port, "-p", "TABLE=clean"};
            Path cleanDir = Files.createDirectories(dir.resolve("clean"));
            FaultJobs.Run clean = FaultJobs.run(cleanDir, "clean",
                    FaultJobs.postgresJob(cleanDir, FaultJobs.input(cleanDir), 0), cleanParams);
            assertEquals(0, clean.exitCode(), clean.stderr());
            Map<String, String> expected = rows(pg, "clean");

            String[] params = {"-p", "PG_ENDPOINT=localhost:" + port, "-p", "TABLE=restarted"};
            Path job = FaultJobs.postgresJob(dir, FaultJobs.input(dir), FaultJobs.SLOW_RECORDS_PER_SECOND);
            Process p = FaultJobs.start(dir, "restarted", job, FaultJobs.concat(params, "--resume"));
            FaultJobs.awaitJournalledRecords(dir, p, FaultJobs.ROWS * 30 / 100);
            pg.close(); // the server goes away under the writer
            Thread.sleep(2000);
            pg = start(data, port, false);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the job did not end after the restart");
            String stderr = Files.readString(dir.resolve("restarted.err"));
            System.out.println("PostgreSQL restarted mid-job: the job exited " + p.exitValue());
            if (p.exitValue() != 0) {
                JsonNode report = FaultJobs.report(dir, "restarted");
                System.out.println("  its error: " + report.get("error").asText());
                assertEquals("FAILED", report.get("status").asText());
                assertTrue(report.get("error").asText().contains("restarted"), "the error names the table: "
                        + report.get("error"));
                FaultJobs.Run resumed = FaultJobs.run(dir, "resume", job, FaultJobs.concat(params, "--resume"));
                assertEquals(0, resumed.exitCode(), resumed.stderr());
                assertEquals(FaultJobs.ROWS, resumed.report().get("recordsWritten").asLong());
            } else {
                assertTrue(stderr.contains("SUCCEEDED"), stderr);
            }
            assertEquals(expected, rows(pg, "restarted"), "same ids, texts and vectors as a clean run");
        } finally {
            pg.close();
        }
    }

    /**
     * Starts PostgreSQL on {@code port} over {@code data}; never cleans the data directory (a clean one would be
     * deleted when the server stops, and the restart would find an empty server). The test's directory is fresh.
     */
    @Test
    void elasticsearchNodeStoppedAndStartedMidJob() throws Exception {
        try (SearchServerLauncher.Server es = SearchServerLauncher.of(SearchServerLauncher.Flavor.ELASTICSEARCH,
                Path.of(System.getProperty("vectorsync.es.home"))).start()) {
            Path cleanDir = Files.createDirectories(dir.resolve("clean"));
            FaultJobs.Run clean = FaultJobs.run(cleanDir, "clean", FaultJobs.elasticsearchJob(cleanDir,
                    FaultJobs.input(cleanDir), 0), "-p", "ES_ENDPOINT=" + es.url(), "-p", "INDEX=clean");
            assertEquals(0, clean.exitCode(), clean.stderr());
            Map<String, JsonNode> expected = FaultJobs.documents(es.url(), "clean");

            String[] params = {"-p", "ES_ENDPOINT=" + es.url(), "-p", "INDEX=restarted"};
            Path job = FaultJobs.elasticsearchJob(dir, FaultJobs.input(dir), FaultJobs.SLOW_RECORDS_PER_SECOND);
            Process p = FaultJobs.start(dir, "restarted", job, FaultJobs.concat(params, "--resume"));
            FaultJobs.awaitJournalledRecords(dir, p, FaultJobs.ROWS * 30 / 100);
            es.stop(); // the node goes away under the writer, then comes back with its data
            es.start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the job did not end after the restart");
            System.out.println("Elasticsearch restarted mid-job: the job exited " + p.exitValue());
            if (p.exitValue() != 0) {
                JsonNode report = FaultJobs.report(dir, "restarted");
                assertEquals("FAILED", report.get("status").asText());
                assertTrue(report.get("error").asText().contains("restarted") || report.get("error").asText()
                        .contains(es.url()), "the error names the index or the node: " + report.get("error"));
                System.out.println("  its error: " + report.get("error").asText());
                FaultJobs.Run resumed = FaultJobs.run(dir, "resume", job, FaultJobs.concat(params, "--resume"));
                assertEquals(0, resumed.exitCode(), resumed.stderr());
                assertEquals(FaultJobs.ROWS, resumed.report().get("recordsWritten").asLong());
            }
            FaultJobs.assertSameDocuments(expected, FaultJobs.documents(es.url(), "restarted"));
        }
    }

    private static EmbeddedPostgres start(Path data, int port, boolean fresh) throws Exception {
        if (fresh) {
            assertTrue(!Files.exists(data), "a fresh data directory");
        }
        return EmbeddedPostgres.builder().setOverrideWorkingDirectory(data.getParent().resolve("pgwork").toFile())
                .setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    /** id -> "sentence|vector", vectors rounded to 5 decimals (ONNX batches differ between runs in the last bits). */
    private static Map<String, String> rows(EmbeddedPostgres pg, String table) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, sentence, vec FROM " + table)) {
            while (rs.next()) {
                StringBuilder sb = new StringBuilder(rs.getString(2)).append('|');
                for (Float f : (Float[]) rs.getArray(3).getArray()) {
                    sb.append(String.format(java.util.Locale.ROOT, "%.5f,", f));
                }
                rows.put(rs.getString(1), sb.toString());
            }
        }
        return rows;
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
