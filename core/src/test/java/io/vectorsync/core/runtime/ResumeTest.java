package io.vectorsync.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.record.Row;
import io.vectorsync.core.Engine;
import io.vectorsync.core.Jobs;
import io.vectorsync.core.resume.ResumeMode;
import io.vectorsync.core.stats.StepMetrics;
import io.vectorsync.core.testplugins.CollectWriterFactory;
import io.vectorsync.core.testplugins.GenReaderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --resume}: a run that failed part-way is resumed from the splits the writer had not acknowledged; the
 * writer's prepare is not run again; the counts are those of the final state; non-idempotent writers are refused.
 */
class ResumeTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearHook() {
        GenReaderFactory.CRASH_ONCE_AT.set(-1);
    }

    private Engine engine(ResumeMode mode) {
        return Engine.builder().dirtyFile(dir.resolve("dirty.jsonl")).resume(mode, dir.resolve("state"))
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
    }

    private Path job(String sink, boolean idempotent) throws Exception {
        return Jobs.write(dir, sink, Jobs.job("'count':1000,'splits':5,'rawDirtyEvery':100", "",
                "'sink':'" + sink + "','idempotent':" + idempotent, "'speed':{'concurrent':1}"));
    }

    @Test
    void aFailedRunResumesFromTheFirstSplitNotAcknowledged() throws Exception {
        Path job = job("resume-a", true);
        GenReaderFactory.CRASH_ONCE_AT.set(650); // in the fourth split (600-799)
        JobResult first = engine(ResumeMode.ON).run(job);
        assertEquals(JobResult.Status.FAILED, first.status(), first.error());
        assertEquals(1, first.resume().attempt());
        List<String> events = CollectWriterFactory.EVENTS.get("resume-a");
        int preparesBefore = (int) events.stream().filter("prepare"::equals).count();
        assertEquals(1, preparesBefore);
        Set<Long> firstIds = ids(CollectWriterFactory.sink("resume-a"));
        CollectWriterFactory.sink("resume-a").clear(); // the target keeps what it had; the test counts this run only

        JobResult second = engine(ResumeMode.ON).run(job);
        assertTrue(second.succeeded(), second.error());
        assertEquals(1, events.stream().filter("prepare"::equals).count(), "prepare is never run twice");
        assertEquals(2, second.resume().attempt());
        // which splits the writer acknowledged before the crash depends on timing: not the fourth (600-799)
        int skipped = second.resume().splitsSkipped();
        assertTrue(skipped <= 3, "skipped " + skipped);
        assertEquals(5 - skipped, second.resume().splitsReplayed());
        for (long id = 0; id < skipped * 200L; id++) {
            if ((id + 1) % 100 != 0) {
                assertTrue(firstIds.contains(id), "a skipped split's record " + id + " was written by the first run");
            }
        }
        Set<Long> ids = ids(CollectWriterFactory.sink("resume-a"));
        assertEquals((5 - skipped) * 198, CollectWriterFactory.sink("resume-a").size(),
                "this run wrote the splits left, each record once (2 of every 200 lines are dirty)");
        assertEquals(skipped * 200L, (long) ids.iterator().next());
        StepMetrics reader = second.steps().get(0);
        assertEquals((5 - skipped) * 200L, reader.recordsOut() + reader.dirty(), "the resumed run read only the splits left");
        // the report's counts are those of the final state: every split once
        assertEquals(1000, second.recordsRead());
        assertEquals(990, second.recordsWritten());
        assertEquals(0, second.filteredRecords());
        assertEquals(10, second.dirtyRecords());
        assertFalse(Files.exists(second.resume() == null ? dir : Path.of(second.resume().stateDirectory())),
                "the state is removed after a successful run");
        assertNotNull(second.dirtyFile());
        assertTrue(second.dirtyFile().getFileName().toString().contains("attempt2"), second.dirtyFile().toString());
    }

    private static Set<Long> ids(List<Row> rows) {
        Set<Long> ids = new TreeSet<>();
        synchronized (rows) {
            rows.forEach(r -> ids.add((Long) r.get(0)));
        }
        return ids;
    }

    @Test
    void aWriterThatIsNotIdempotentIsRefused() throws Exception {
        JobResult r = engine(ResumeMode.ON).run(job("resume-b", false));
        assertEquals(JobResult.Status.FAILED, r.status());
        assertTrue(r.error().contains("--resume is refused") && r.error().contains("set idempotent: true"), r.error());
        assertTrue(CollectWriterFactory.sink("resume-b").isEmpty());
        assertFalse(CollectWriterFactory.EVENTS.getOrDefault("resume-b", List.of()).contains("prepare"),
                "refused before prepare");
    }

    private Path twoWriters(String name, boolean secondIdempotent) throws Exception {
        return Jobs.write(dir, name, "{'type':'job','version':'2.0','steps':["
                + "{'stepType':'gen','category':'reader','name':'Reader','parameter':{'count':1000,'splits':5}},"
                + "{'stepType':'collect','category':'writer','name':'A','parameter':{'sink':'" + name + "-a','idempotent':true}},"
                + "{'stepType':'collect','category':'writer','name':'B','parameter':{'sink':'" + name + "-b','idempotent':"
                + secondIdempotent + "}}],'setting':{'speed':{'concurrent':1}},"
                + "'order':{'hops':[{'from':'Reader','to':'A'},{'from':'Reader','to':'B'}]}}");
    }

    @Test
    void aJobWithSeveralWritersResumesWhatEveryWriterHadNotAcknowledged() throws Exception {
        Path job = twoWriters("resume-d", true);
        GenReaderFactory.CRASH_ONCE_AT.set(650); // in the fourth split (600-799)
        JobResult first = engine(ResumeMode.ON).run(job);
        assertEquals(JobResult.Status.FAILED, first.status(), first.error());
        Set<Long> firstA = ids(CollectWriterFactory.sink("resume-d-a"));
        Set<Long> firstB = ids(CollectWriterFactory.sink("resume-d-b"));
        CollectWriterFactory.sink("resume-d-a").clear();
        CollectWriterFactory.sink("resume-d-b").clear();

        JobResult second = engine(ResumeMode.ON).run(job);
        assertTrue(second.succeeded(), second.error());
        int skipped = second.resume().splitsSkipped();
        assertTrue(skipped <= 3, "the fourth split was never acknowledged; skipped " + skipped);
        for (long id = 0; id < skipped * 200L; id++) {
            assertTrue(firstA.contains(id) && firstB.contains(id),
                    "a skipped split's record " + id + " was written by both writers in the first run");
        }
        for (String sink : List.of("resume-d-a", "resume-d-b")) {
            Set<Long> ids = ids(CollectWriterFactory.sink(sink));
            assertEquals((5 - skipped) * 200, CollectWriterFactory.sink(sink).size(), sink + ": the splits left, once");
            assertEquals(skipped * 200L, (long) ids.iterator().next(), sink);
            assertEquals(999L, (long) ((TreeSet<Long>) ids).last(), sink);
        }
        assertEquals(1000, second.recordsRead(), "final state: every split once");
        assertEquals(1000, second.recordsWritten());
        for (String writer : List.of("A", "B")) {
            assertEquals(1, CollectWriterFactory.EVENTS.get("resume-d-" + writer.toLowerCase()).stream()
                    .filter("prepare"::equals).count(), "writer " + writer + ": prepare is never run twice");
        }
    }

    @Test
    void aJobWithSeveralWritersIsRefusedWhenOneIsNotIdempotent() throws Exception {
        JobResult r = engine(ResumeMode.ON).run(twoWriters("resume-e", false));
        assertEquals(JobResult.Status.FAILED, r.status());
        assertTrue(r.error().contains("--resume is refused: the writer B (collect)"), r.error());
        assertTrue(CollectWriterFactory.sink("resume-e-a").isEmpty(), "refused before anything is written");
    }

    @Test
    void aSecondRunOfTheSameJobWaitsForTheLock() throws Exception {
        Path job = job("resume-c", true);
        try (var held = io.vectorsync.core.resume.SplitJournal.open(dir.resolve("state"),
                io.vectorsync.core.resume.JobFingerprint.of(engine(ResumeMode.OFF).parse(job),
                        new io.vectorsync.core.stats.SecretMasker()), new com.fasterxml.jackson.databind.ObjectMapper())) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> engine(ResumeMode.ON).run(job));
            assertTrue(e.getMessage().contains("another run of this job holds the resume state"), e.getMessage());
        }
    }
}
