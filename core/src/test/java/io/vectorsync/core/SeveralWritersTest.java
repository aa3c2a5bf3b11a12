package io.vectorsync.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.record.Row;
import io.vectorsync.core.job.InvalidJobException;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import io.vectorsync.core.stats.StepMetrics;
import io.vectorsync.core.testplugins.CollectWriterFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job with several writers: every record to each, each with its own counts, dirty records and lifecycle. */
class SeveralWritersTest {
    @TempDir
    Path dir;

    private Engine engine() {
        return Engine.builder().dirtyFile(dir.resolve("dirty.jsonl"))
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
    }

    private static String job(String reader, String writerA, String writerB, String setting, String order) {
        return "{'type':'job','version':'2.0','steps':["
                + "{'stepType':'gen','category':'reader','name':'Reader','parameter':{" + reader + "}},"
                + "{'stepType':'upper','category':'map/flatmap','name':'up','parameter':{'column':'text'}},"
                + "{'stepType':'collect','category':'writer','name':'Vectors','parameter':{" + writerA + "}},"
                + "{'stepType':'collect','category':'writer','name':'FullText','parameter':{" + writerB + "}}],"
                + "'setting':{" + setting + "}" + (order.isEmpty() ? "" : ",'order':{'hops':[" + order + "]}") + "}";
    }

    private static final String HOPS = "{'from':'Reader','to':'up'},{'from':'up','to':'Vectors'},"
            + "{'from':'up','to':'FullText'}";

    @Test
    void everyRecordGoesToEachWriterOnceWithItsOwnLifecycle() throws Exception {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        Path file = Jobs.write(dir, "two", job("'count':20000,'splits':5", "'sink':'" + a + "'", "'sink':'" + b + "'",
                "'speed':{'concurrent':2}", HOPS));
        JobResult r = engine().run(file);
        assertTrue(r.succeeded(), r.error());
        for (String sink : List.of(a, b)) {
            List<Row> rows = CollectWriterFactory.sink(sink);
            assertEquals(20_000, rows.size());
            Set<Long> ids = new HashSet<>();
            rows.forEach(row -> ids.add((Long) row.get("id")));
            assertEquals(20_000, ids.size(), "each record once");
            assertEquals(((String) rows.get(0).get("text")).toUpperCase(), rows.get(0).get("upper"));
            List<String> events = CollectWriterFactory.EVENTS.get(sink);
            assertEquals(1, events.stream().filter("prepare"::equals).count());
            assertEquals(2, events.stream().filter("flush"::equals).count(), "one task per stream: " + events);
            assertEquals(1, events.stream().filter("finish"::equals).count());
            assertFalse(events.contains("writer-abort"), events.toString());
        }
        assertEquals(20_000, r.recordsRead());
        assertEquals(20_000, r.recordsWritten());
        List<StepMetrics> writers = r.steps().stream().filter(m -> m.category().equals("writer")).toList();
        assertEquals(List.of("Vectors", "FullText"), writers.stream().map(StepMetrics::stepName).toList());
        writers.forEach(m -> assertEquals(20_000, m.recordsIn()));
    }

    @Test
    void eachWriterHasItsOwnDirtyRecordsAndTheJobCountsTheFewestWritten() throws Exception {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        Path file = Jobs.write(dir, "dirty", job("'count':1000,'markEvery':100,'mark':'REJECT'",
                "'sink':'" + a + "'", "'sink':'" + b + "','rejectColumn':'text'", "'errorLimit':{'record':'20'}", ""));
        JobResult r = engine().run(file);
        assertTrue(r.succeeded(), r.error());
        assertEquals(1000, CollectWriterFactory.sink(a).size());
        assertEquals(990, CollectWriterFactory.sink(b).size());
        assertEquals(10, r.dirtyRecords());
        assertEquals(990, r.recordsWritten());
        StepMetrics fullText = r.steps().stream().filter(m -> m.stepName().equals("FullText")).findFirst().orElseThrow();
        assertEquals(10, fullText.dirty());
        StepMetrics vectors = r.steps().stream().filter(m -> m.stepName().equals("Vectors")).findFirst().orElseThrow();
        assertEquals(0, vectors.dirty());
    }

    @Test
    void aFailedJobAbortsEveryWriterAndFinishesNone() throws Exception {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        Path file = Jobs.write(dir, "fail", job("'count':10000,'failAt':5000", "'sink':'" + a + "'",
                "'sink':'" + b + "'", "", HOPS));
        JobResult r = engine().run(file);
        assertFalse(r.succeeded());
        for (String sink : List.of(a, b)) {
            List<String> events = CollectWriterFactory.EVENTS.get(sink);
            assertTrue(events.contains("writer-abort"), sink + ": " + events);
            assertFalse(events.contains("finish"), sink + ": " + events);
            assertFalse(events.contains("flush"), sink + ": " + events);
        }
    }

    @Test
    void previewWritesNothingWhateverTheWriters() throws Exception {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        Path file = Jobs.write(dir, "preview", job("'count':1000", "'sink':'" + a + "'", "'sink':'" + b + "'", "", ""));
        JobResult r = engine().preview(file, 5);
        assertTrue(r.succeeded(), r.error());
        assertEquals(5, r.previewRecords().size());
        assertTrue(CollectWriterFactory.sink(a).isEmpty() && CollectWriterFactory.sink(b).isEmpty());
    }

    @Test
    void contradictoryHopsAreErrors() throws Exception {
        String ok = "'sink':'x'";
        String bad = "{'from':'Reader','to':'up'},{'from':'Vectors','to':'FullText'},{'from':'up','to':'Reader'},"
                + "{'from':'FullText','to':'up'},{'from':'up','to':'up'}";
        InvalidJobException e = assertThrows(InvalidJobException.class,
                () -> engine().validate(Jobs.write(dir, "hops", job("'count':1", ok, ok, "", bad))));
        String m = e.getMessage();
        assertTrue(m.contains("$.order.hops[1]: \"Vectors\" → \"FullText\" joins two writers"), m);
        assertTrue(m.contains("$.order.hops[2]: \"up\" → \"Reader\" enters the reader"), m);
        assertTrue(m.contains("$.order.hops[3]: \"FullText\" → \"up\" leaves a writer"), m);
        assertTrue(m.contains("$.order.hops[4]: \"up\" → \"up\" goes from a step to itself"), m);
    }

    @Test
    void hopsMustReachEveryWriterButMaySkipTransformers() throws Exception {
        String ok = "'sink':'x'";
        // DataWorks' own samples: Reader → Writer around the transformers
        engine().validate(Jobs.write(dir, "skip", job("'count':1", ok, ok, "",
                "{'from':'Reader','to':'Vectors'},{'from':'Reader','to':'FullText'}")));
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> engine().validate(Jobs.write(dir,
                "partial", job("'count':1", ok, ok, "", "{'from':'Reader','to':'up'},{'from':'up','to':'Vectors'}"))));
        assertTrue(e.getMessage().contains("$.order.hops: no hop leads to the writer(s) [FullText]"), e.getMessage());
        assertTrue(e.getMessage().contains("add {\"from\": \"up\", \"to\": \"FullText\"}"), e.getMessage());
    }

    @Test
    void writersMustBeTheLastSteps() throws Exception {
        String json = "{'steps':[{'stepType':'gen','category':'reader','name':'Reader','parameter':{'count':1}},"
                + "{'stepType':'collect','category':'writer','name':'A','parameter':{'sink':'x'}},"
                + "{'stepType':'upper','category':'flatmap','name':'up','parameter':{'column':'text'}},"
                + "{'stepType':'collect','category':'writer','name':'B','parameter':{'sink':'y'}}]}";
        InvalidJobException e = assertThrows(InvalidJobException.class,
                () -> engine().validate(Jobs.write(dir, "order", json)));
        assertTrue(e.getMessage().contains("$.steps[2]: the writers must be the last steps: up (transformer) comes "
                + "after a writer"), e.getMessage());
    }
}
