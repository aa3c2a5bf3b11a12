package io.vectorsync.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.Engine;
import io.vectorsync.core.Jobs;
import io.vectorsync.core.stats.JobSummary;
import io.vectorsync.core.testplugins.CollectWriterFactory;
import io.vectorsync.core.testplugins.Latches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a job stops: a failure or a cancellation is recorded first, writer tasks are aborted and never flushed, the
 * writer is aborted and never finished, a plugin call that blocks is interrupted or abandoned after the grace
 * period (and named), and the counts add up. Ordered with latches, never with sleeps.
 */
@Timeout(120) // a safety net against a hang, not a speed check
class JobStopTest {
    @TempDir
    Path dir;

    private Engine engine(Duration grace) {
        return Engine.builder().dirtyFile(dir.resolve("dirty.jsonl"))
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO).withStopGrace(grace)).build();
    }

    private static List<String> events(String sink) {
        return List.copyOf(CollectWriterFactory.EVENTS.get(sink));
    }

    private static void assertCountsAddUp(JobResult r) {
        assertEquals(r.recordsRead(), r.recordsWritten() + r.dirtyRecords() + r.filteredRecords() + r.recordsInFlight(),
                JobSummary.table("j", r));
        JsonNode report = new ObjectMapper().valueToTree(JobSummary.report("j", r));
        assertEquals(report.get("recordsRead").asLong(), report.get("recordsWritten").asLong()
                + report.get("dirtyRecords").asLong() + report.get("filteredRecords").asLong()
                + report.get("recordsInFlight").asLong(), report.toString());
    }

    @Test
    void aTransformerFailingWhileTheWriterWaitsGetsTheWriterAbortedNeverFlushed() throws Exception {
        String sink = UUID.randomUUID().toString();
        // the transformer fails on its first batch, but only once the writer task is open and waiting for input
        Path job = Jobs.write(dir, "j", Jobs.job("'count':5000",
                "{'stepType':'upper','category':'flatmap','name':'up','parameter':{'column':'text','failOn':'row-0',"
                        + "'awaitLatch':'" + sink + "-opened'}}",
                "'sink':'" + sink + "'", ""));
        JobResult r = engine(Duration.ofSeconds(10)).run(job);
        assertEquals(JobResult.Status.FAILED, r.status());
        assertTrue(r.error().contains("the model refused row-0"), r.error());
        assertEquals(List.of("prepare", "open", "abort", "close", "writer-abort"), events(sink));
        assertTrue(CollectWriterFactory.sink(sink).isEmpty());
        assertEquals(0, r.recordsWritten());
        assertTrue(r.recordsInFlight() > 0);
        assertCountsAddUp(r);
    }

    @Test
    void aWriteBlockedInterruptiblyIsInterruptedByCancelAndTheJobEndsCancelled() throws Exception {
        String sink = UUID.randomUUID().toString();
        Path job = Jobs.write(dir, "j", Jobs.job("'count':100000", "",
                "'sink':'" + sink + "','blockAfter':3000,'block':'interruptible'", ""));
        JobControl control = new JobControl();
        CompletableFuture<JobResult> run = CompletableFuture.supplyAsync(() -> engine(Duration.ofSeconds(60)).run(job, control));
        Latches.get(sink + "-blocked").await();
        assertTrue(control.cancel("test says stop"));
        JobResult r = run.get();
        assertEquals(JobResult.Status.CANCELLED, r.status());
        assertEquals("the job was cancelled: test says stop", r.error());
        List<String> events = events(sink);
        assertFalse(events.contains("flush") || events.contains("finish"), events.toString());
        assertEquals(List.of("abort", "close", "writer-abort"), events.subList(events.size() - 3, events.size()));
        assertTrue(r.recordsWritten() >= 3000 && r.recordsWritten() < 100_000, "written " + r.recordsWritten());
        assertTrue(r.recordsInFlight() > 0, "in flight " + r.recordsInFlight());
        assertCountsAddUp(r);
        String table = JobSummary.table("j", r);
        assertTrue(table.contains("Job j CANCELLED"), table);
        assertTrue(table.contains("in flight"), table);
    }

    @Test
    void aWriteThatIgnoresInterruptsIsAbandonedAfterTheGracePeriodAndNamed() throws Exception {
        String sink = UUID.randomUUID().toString();
        Path job = Jobs.write(dir, "j", Jobs.job("'count':100000", "",
                "'sink':'" + sink + "','blockAfter':0,'block':'uninterruptible'", ""));
        JobControl control = new JobControl();
        try {
            CompletableFuture<JobResult> run = CompletableFuture.supplyAsync(
                    () -> engine(Duration.ofMillis(500)).run(job, control));
            Latches.get(sink + "-blocked").await();
            control.cancel("test says stop");
            JobResult r = run.get();
            assertEquals(JobResult.Status.CANCELLED, r.status());
            assertTrue(r.error().contains("the job was cancelled: test says stop; step Writer (collect) did not stop "
                    + "within 500 ms; its thread is abandoned"), r.error());
            assertTrue(events(sink).contains("writer-abort"), events(sink).toString());
            assertFalse(events(sink).contains("flush"), events(sink).toString());
            assertCountsAddUp(r);
        } finally {
            Latches.get(sink + "-release").countDown();
        }
    }

    @Test
    void aReaderFailureInterruptsAWriteBlockedOnAnotherThreadAndTheJobFails() throws Exception {
        String sink = UUID.randomUUID().toString();
        // the writer blocks (interruptibly) from its first batch on; the reader fails later (before the channel is full), on its own thread
        Path job = Jobs.write(dir, "j", Jobs.job("'count':100000,'failAt':3000", "",
                "'sink':'" + sink + "','blockAfter':0,'block':'interruptible'", ""));
        JobResult r = engine(Duration.ofSeconds(60)).run(job);
        assertEquals(JobResult.Status.FAILED, r.status());
        assertTrue(r.error().startsWith("[EXTERNAL_FAILED] the source went away at 3000"), r.error());
        assertFalse(r.error().contains("did not stop"), r.error());
        assertEquals(List.of("prepare", "open", "abort", "close", "writer-abort"), events(sink));
        assertEquals(0, r.recordsWritten());
        assertEquals(r.recordsRead(), r.recordsInFlight());
        assertCountsAddUp(r);
    }

    @Test
    void aReaderFailingAfter50RecordsReports50ReadAllInFlight() throws Exception {
        String sink = UUID.randomUUID().toString();
        Path job = Jobs.write(dir, "j", Jobs.job("'count':1000,'failAt':50", "", "'sink':'" + sink + "'", ""));
        JobResult r = engine(Duration.ofSeconds(10)).run(job);
        assertEquals(JobResult.Status.FAILED, r.status());
        assertTrue(r.error().contains("the source went away at 50"), r.error());
        assertEquals(50, r.recordsRead());
        assertEquals(0, r.recordsWritten());
        assertEquals(50, r.recordsInFlight());
        assertCountsAddUp(r);
        assertTrue(JobSummary.table("j", r).contains(
                "records read 50 = accepted by the writer 0 + dirty 0 + filtered 0 + in flight 50 (read, not written: the job stopped)"),
                JobSummary.table("j", r));
        assertFalse(events(sink).contains("flush") || events(sink).contains("finish"), events(sink).toString());
    }

    @Test
    void inputsTheReaderRejectsCountAsReadInTheSummaryAndTheReport() throws Exception {
        String sink = UUID.randomUUID().toString();
        Path job = Jobs.write(dir, "j", Jobs.job("'count':1000,'rawDirtyEvery':100,'markEvery':250,'mark':'REJECT'",
                "{'stepType':'upper','category':'flatmap','name':'up','parameter':{'column':'text','filterPrefix':'row-1'}}",
                "'sink':'" + sink + "','rejectColumn':'text'", ""));
        JobResult r = engine(Duration.ofSeconds(10)).run(job);
        assertTrue(r.succeeded(), r.error());
        // 10 unreadable inputs (ids 99, 199, …, 999); REJECT at ids 249 and 749 (499 and 999 are unreadable)
        long filtered = 1 + 10 + 100 - 1; // row-1, row-10..19, row-100..199 less the unreadable 199
        assertEquals(1000, r.recordsRead());
        assertEquals(12, r.dirtyRecords());
        assertEquals(filtered, r.filteredRecords());
        assertEquals(1000 - 12 - filtered, r.recordsWritten());
        assertEquals(r.recordsWritten(), CollectWriterFactory.sink(sink).size());
        assertEquals(0, r.recordsInFlight());
        assertCountsAddUp(r);
        assertTrue(JobSummary.table("j", r).contains("records read 1,000 = written " + (1000 - 12 - filtered)
                + " + dirty 12 + filtered " + filtered + "\n"), JobSummary.table("j", r));
    }
}
