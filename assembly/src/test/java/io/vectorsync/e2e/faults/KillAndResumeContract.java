package io.vectorsync.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill-and-resume cases every target runs: the slow job is killed with SIGKILL during prepare, at ~30 % and at
 * ~90 % of the records, then rerun with {@code --resume}. The resumed run must succeed with final-state counts, must
 * have read fewer records than the input (except after the kill during prepare) and skipped journalled splits, must
 * leave no job state, and the target must then equal a clean run's.
 */
abstract class KillAndResumeContract {
    @TempDir
    Path dir;

    /** Writes into {@code dir} the throttled job reading {@code input} (see {@link FaultJobs}). */
    protected abstract Path slowJob(Path dir, Path input) throws Exception;

    /** The {@code -p} parameters pointing the job at {@code target} (an index or a table). */
    protected abstract String[] params(String target);

    /** Asserts that {@code target} now holds what the clean run wrote. */
    protected abstract void assertSameAsCleanRun(String target) throws Exception;

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

    private static String describe(int killAfter) {
        return killAfter < 0 ? "killed during prepare" : "killed after " + killAfter + " journalled records";
    }

    private void killThenResume(String target, int killAfterRecords) throws Exception {
        Path job = slowJob(dir, FaultJobs.input(dir));
        long killedAt = FaultJobs.startAndKill(dir, job, killAfterRecords, params(target));
        Path state = dir.resolve(".vectorsync/state");
        assertTrue(Files.isDirectory(state), "the killed run left its journal");

        FaultJobs.Run resumed = FaultJobs.run(dir, "resume", job, FaultJobs.concat(params(target), "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        JsonNode report = resumed.report();
        assertEquals("SUCCEEDED", report.get("status").asText());
        assertEquals(FaultJobs.ROWS, report.get("recordsRead").asLong(), "final-state counts: " + report);
        assertEquals(FaultJobs.ROWS, report.get("recordsWritten").asLong(), report.toString());
        long readThisRun = report.at("/steps/0/recordsIn").asLong();
        System.out.println(getClass().getSimpleName() + " " + describe(killAfterRecords) + ": resumed run read "
                + readThisRun + ", resume " + report.get("resume") + ", embed " + report.at("/steps/1/metrics"));
        if (killAfterRecords > 0) {
            assertTrue(readThisRun <= FaultJobs.ROWS - killedAt, "killed with " + killedAt + " records journalled "
                    + "done, the resumed run read " + readThisRun + " of " + FaultJobs.ROWS);
            assertTrue(report.at("/resume/splitsSkipped").asInt() > 0, report.toString());
        }
        assertSameAsCleanRun(target);
        assertFalse(FaultJobs.hasJobState(state), "the state is removed after the successful resumed run");
    }
}
