package io.vectorsync.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.testkit.servers.SearchServerLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection against the real distribution: localfile → onnx → Elasticsearch ({@code actionType: index} with
 * ids, {@code cleanup: true}) killed with SIGKILL during prepare, at ~30 % and at ~90 % of the records, then rerun
 * with {@code --resume}. The index must then equal a clean run's index (same ids, texts and vectors, same count), the
 * resumed run must have read fewer records than the input (except after the kill during prepare), and the journalled
 * prepare must not have wiped what the killed run had written ({@code cleanup} deletes the index).
 */
class KillAndResumeElasticsearchIT {
    private static SearchServerLauncher.Server es;
    private static Map<String, JsonNode> clean;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void startElasticsearchAndRunCleanJob() throws Exception {
        es = SearchServerLauncher.of(SearchServerLauncher.Flavor.ELASTICSEARCH,
                Path.of(System.getProperty("vectorsync.es.home"))).start();
        Path input = FaultJobs.input(shared);
        Path job = FaultJobs.elasticsearchJob(shared, input, 0);
        FaultJobs.Run r = FaultJobs.run(shared, "clean", job, "-p", "ES_ENDPOINT=" + es.url(), "-p", "INDEX=clean");
        assertEquals(0, r.exitCode(), r.stderr());
        clean = FaultJobs.documents(es.url(), "clean");
        assertEquals(FaultJobs.ROWS, clean.size());
    }

    @AfterAll
    static void stop() throws Exception {
        if (es != null) {
            es.close();
        }
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

    private void killThenResume(String index, int killAfterRecords) throws Exception {
        Path input = FaultJobs.input(dir);
        Path job = FaultJobs.elasticsearchJob(dir, input, FaultJobs.SLOW_RECORDS_PER_SECOND);
        String[] params = {"-p", "ES_ENDPOINT=" + es.url(), "-p", "INDEX=" + index};
        long killedAt = FaultJobs.startAndKill(dir, job, killAfterRecords, params);
        Path state = dir.resolve(".vectorsync/state");
        assertTrue(Files.isDirectory(state), "the killed run left its journal");

        FaultJobs.Run resumed = FaultJobs.run(dir, "resume", job, FaultJobs.concat(params, "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        JsonNode report = resumed.report();
        assertEquals("SUCCEEDED", report.get("status").asText());
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
        FaultJobs.assertSameDocuments(clean, FaultJobs.documents(es.url(), index));
        assertFalse(FaultJobs.hasJobState(state), "the state is removed after the successful resumed run");
    }
}
