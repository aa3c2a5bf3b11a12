package io.vectorsync.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.record.Row;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import io.vectorsync.core.stats.JobSummary;
import io.vectorsync.core.testplugins.CollectWriterFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs whole jobs on the test plugins and checks what landed, the counts and the dirty records. */
class EngineRunTest {
    @TempDir
    Path dir;

    private Engine engine(RunOptions options) {
        return Engine.builder().dirtyFile(dir.resolve("dirty.jsonl")).runOptions(options).build();
    }

    private Engine engine() {
        return engine(RunOptions.defaults().withProgressInterval(Duration.ZERO));
    }

    private static String sink() {
        return UUID.randomUUID().toString();
    }

    /** The test transformer upper-casing {@code text} into {@code upper}. */
    private static final String UPPER_TEXT =
            "{'stepType':'upper','category':'flatmap','name':'up','parameter':{'column':'text'}}";

    /** Writes job {@code j} of the test plugins (see {@link Jobs#job}) into the temporary folder. */
    private Path job(String readerParams, String transformers, String writerParams, String setting)
            throws java.io.IOException {
        return Jobs.write(dir, "j", Jobs.job(readerParams, transformers, writerParams, setting));
    }

    /** Runs the job and asserts that it succeeded. */
    private JobResult runSucceeded(Path job) {
        JobResult r = engine().run(job);
        assertTrue(r.succeeded(), r.error());
        return r;
    }

    @Test
    void twoStreamsWriteEveryRecordOnceThroughTheTransformer() throws Exception {
        String sink = sink();
        Path job = job("'count':100000,'splits':7", UPPER_TEXT, "'sink':'" + sink + "'", "'speed':{'concurrent':2}");
        JobResult r = runSucceeded(job);
        List<Row> rows = CollectWriterFactory.sink(sink);
        assertEquals(100_000, rows.size());
        Set<Long> ids = new HashSet<>();
        for (Row row : rows) {
            ids.add((Long) row.get("id"));
            assertEquals(((String) row.get("text")).toUpperCase(), row.get("upper"));
        }
        assertEquals(100_000, ids.size());
        assertEquals(100_000, r.recordsRead());
        assertEquals(100_000, r.recordsWritten());
        assertEquals(0, r.dirtyRecords());
        assertEquals(List.of("prepare", "open", "open", "flush", "flush", "close", "close", "finish"),
                CollectWriterFactory.EVENTS.get(sink).stream().sorted((a, b) -> order(a) - order(b)).toList());
    }

    private static int order(String event) {
        return List.of("prepare", "open", "flush", "close", "finish").indexOf(event);
    }

    @Test
    void dirtyAndFilteredRecordsAreCountedAndWrittenToTheDirtyFile() throws Exception {
        String sink = sink();
        Path job = job("'count':1000,'markEvery':100,'mark':'BAD'",
                "{'stepType':'upper','category':'flatmap','name':'up','parameter':{'column':'text','dirtyValue':'BAD','filterPrefix':'row-5'}}",
                "'sink':'" + sink + "'", "'errorLimit':{'record':'50'}");
        JobResult r = runSucceeded(job);
        long filtered = 110; // row-5, row-50..59, row-500..599, except id 599, which is marked BAD instead
        assertEquals(10, r.dirtyRecords());
        assertEquals(filtered, r.filteredRecords());
        assertEquals(1000 - 10 - filtered, r.recordsWritten());
        assertEquals(r.recordsWritten(), CollectWriterFactory.sink(sink).size());
        List<String> lines = Files.readAllLines(r.dirtyFile());
        assertEquals(10, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("up", first.get("step").asText());
        assertEquals("CONVERSION_FAILED", first.get("code").asText());
        assertEquals("BAD", first.get("record").get("text").asText());
        assertTrue(JobSummary.table("j", r).contains("records read 1,000 = written 880 + dirty 10 + filtered 110"),
                JobSummary.table("j", r));
    }

    /** Runs 1000 records of which the target refuses every tenth (100 dirty), under {@code errorLimit}. */
    private JobResult runWithTenPercentRefused(String errorLimit) throws Exception {
        return engine().run(job("'count':1000,'markEvery':10,'mark':'REJECT-me'", "",
                "'sink':'" + sink() + "','rejectColumn':'text'", "'errorLimit':" + errorLimit));
    }

    @Test
    void crossingErrorLimitRecordFailsTheJobAndNamesTheLimit() throws Exception {
        JobResult r = runWithTenPercentRefused("{'record':'0'}");
        assertFalse(r.succeeded());
        assertTrue(r.error().contains("errorLimit.record is 0 and 1 records were dirty"), r.error());
        assertTrue(r.error().contains("target refused REJECT-me"), r.error());
    }

    @Test
    void crossingErrorLimitPercentageFailsTheJob() throws Exception {
        JobResult r = runWithTenPercentRefused("{'percentage':0.05}");
        assertFalse(r.succeeded());
        assertTrue(r.error().contains("errorLimit.percentage is 0.05 and 0.1000 of the records (100 of 1000)"), r.error());
        assertTrue(runWithTenPercentRefused("{'percentage':0.2}").succeeded());
    }

    @Test
    void secretsNeverReachTheDirtyFileTheErrorOrTheReport() throws Exception {
        String password = "hunter2-very-secret";
        String accessKey = "AK-also-secret-123";
        Path job = job("'count':100,'markEvery':10,'mark':'REJECT " + password + "',"
                        + "'accessKey':'" + accessKey + "','failCheck':false", "",
                "'sink':'" + sink() + "','rejectColumn':'text','password':'" + password + "'", "'errorLimit':{'record':'3'}");
        Engine engine = engine();
        JobResult r = engine.run(job);
        assertFalse(r.succeeded());
        Path report = dir.resolve("report.json");
        JobSummary.writeReport(report, "j", r, new ObjectMapper(), engine.masker());
        String everything = Files.readString(r.dirtyFile()) + r.error() + Files.readString(report);
        assertTrue(everything.contains("******"), everything);
        assertFalse(everything.contains(password), everything);

        Path failing = Jobs.write(dir, "f", Jobs.job("'count':1,'accessKey':'" + accessKey + "','failCheck':true", "",
                "'sink':'" + sink() + "'", ""));
        JobResult checkFailed = engine().run(failing);
        assertFalse(checkFailed.succeeded());
        assertTrue(checkFailed.error().contains("source refused the connection"), checkFailed.error());
        assertFalse(checkFailed.error().contains(accessKey), checkFailed.error());
    }

    @Test
    void reportHasStatusCountsAndSteps() throws Exception {
        Path job = job("'count':500", "", "'sink':'" + sink() + "'", "");
        JobResult r = engine().run(job);
        JsonNode report = new ObjectMapper().valueToTree(JobSummary.report("j", r));
        assertEquals("SUCCEEDED", report.get("status").asText());
        assertEquals(500, report.get("recordsRead").asLong());
        assertEquals(500, report.get("recordsWritten").asLong());
        assertEquals(0, report.get("dirtyRecords").asLong());
        assertTrue(report.get("durationMs").asLong() >= 0);
        assertEquals("Reader", report.get("steps").get(0).get("name").asText());
        assertEquals(500, report.get("steps").get(1).get("recordsIn").asLong());
    }

    @Test
    void previewReadsASampleThroughTheTransformersAndWritesNothing() throws Exception {
        String sink = sink();
        Path job = job("'count':100000,'splits':4", UPPER_TEXT, "'sink':'" + sink + "'", "'speed':{'concurrent':2}");
        JobResult r = engine().preview(job, 5);
        assertTrue(r.succeeded(), r.error());
        assertEquals(5, r.previewRecords().size());
        assertEquals("ROW-0", r.previewRecords().get(0).get("upper"));
        assertNotNull(r.outputSchema().find("upper").orElse(null));
        assertTrue(CollectWriterFactory.sink(sink).isEmpty());
        assertFalse(CollectWriterFactory.EVENTS.getOrDefault(sink, List.of()).contains("prepare"));
    }

    @Test
    void throttledRecordsPerSecondStillDeliversEverything() throws Exception {
        String sink = sink();
        Path job = job("'count':3000", "", "'sink':'" + sink + "'",
                "'speed':{'throttle':true,'mbps':'1','record':'100000'}");
        JobResult r = runSucceeded(job);
        assertEquals(3000, CollectWriterFactory.sink(sink).size());
    }
}
