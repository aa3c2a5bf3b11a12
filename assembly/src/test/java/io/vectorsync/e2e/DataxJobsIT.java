package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DataX job files run on the distribution as they are: DataX's own sample job, and a file-to-file job. */
class DataxJobsIT {
    @Test
    void dataxsOwnSampleJobReadsAndWritesOneHundredThousandRecords() throws Exception {
        Distribution.Run run = Distribution.runSucceeding("examples/datax/job.json");
        Distribution.Outcome o = run.outcome();
        assertTrue(o.stderr().contains("Job job SUCCEEDED"), o.stderr());
        // "print": false: the stream writer discards the records instead of printing 100,000 lines
        assertTrue(o.stdout().lines().count() < 10, "stdout has " + o.stdout().lines().count() + " lines");
        JsonNode r = run.report();
        assertEquals("SUCCEEDED", r.get("status").asText());
        assertEquals(100_000, r.get("recordsRead").asLong());
        assertEquals(100_000, r.get("recordsWritten").asLong());
        assertEquals(0, r.get("dirtyRecords").asLong());
    }

    @Test
    void validateAndPreviewTakeTheDataxFormatToo() throws Exception {
        Distribution.Outcome v = Distribution.cli("validate", "examples/datax/job.json");
        assertEquals(0, v.exitCode(), v.stderr());
        assertTrue(v.stdout().contains("Job job is valid: 2 steps, 1 stream(s)"), v.stdout());
        Distribution.Outcome p = Distribution.cli("preview", "examples/datax/job.json", "--limit", "2");
        assertEquals(0, p.exitCode(), p.stderr());
        // the five columns of DataX's sample: string, long, date, bool, bytes
        assertTrue(p.stdout().contains("columns: col0 string, col1 int64, col2 timestamp, col3 boolean, col4 bytes"),
                p.stdout());
        assertTrue(p.stdout().contains("#1 {col0=DataX, col1=19890604"), p.stdout());
        assertTrue(p.stdout().contains("2 record(s) previewed; nothing was written"), p.stdout());
    }

    @Test
    void txtfileReaderToTxtfileWriterWritesDataxsTextFormat() throws Exception {
        JsonNode report = Distribution.runSucceeding("examples/datax/csv-to-text.json").report();
        assertEquals(200, report.get("recordsWritten").asLong());
        List<String> lines = Files.readAllLines(Distribution.REPO.resolve("target/datax-output/stsb-0.txt"));
        assertEquals(200, lines.size());
        assertEquals("A man with a hard hat is dancing.|5.0|stsb-dev|true", lines.get(0));
    }

    @Test
    void aDataxPluginWithoutEquivalentIsNamedWithTheSupportedOnes() throws Exception {
        Path job = Files.createTempFile("datax-mysql", ".json");
        Files.writeString(job, "{\"job\": {\"content\": [{\"reader\": {\"name\": \"mysqlreader\", \"parameter\": {}},"
                + " \"writer\": {\"name\": \"streamwriter\", \"parameter\": {\"print\": false}},"
                + " \"transformer\": [{\"name\": \"dx_groovy\", \"parameter\": {\"code\": \"return record;\"}}]}]}}");
        Distribution.Outcome o = Distribution.cli("validate", job.toString());
        assertEquals(2, o.exitCode(), o.stderr());
        assertTrue(o.stderr().contains("$.job.content[0].reader.name: DataX reader \"mysqlreader\" has no equivalent "
                + "here; supported DataX readers: hdfsreader, odpsreader, ossreader, streamreader, txtfilereader"),
                o.stderr());
        assertTrue(o.stderr().contains("$.job.content[0].transformer[0].name: DataX transformer \"dx_groovy\" is not "
                + "supported here: this engine runs no Groovy"), o.stderr());
        assertFalse(o.stdout().contains("is valid"), o.stdout());
    }

    @Test
    void dataxTransformersRunInListOrder() throws Exception {
        JsonNode r = Distribution.runSucceeding("examples/datax/transformers.json").report();
        assertEquals(1000, r.get("recordsRead").asLong());
        assertEquals(1000, r.get("recordsWritten").asLong());
        List<String> lines = new java.util.ArrayList<>();
        for (String f : List.of("out-0.txt", "out-1.txt")) {
            lines.addAll(Files.readAllLines(Distribution.REPO.resolve("target/datax-transformers").resolve(f)));
        }
        assertEquals(1000, lines.size());
        // substr(2,5), md5 of the long, the date as DataX prints it, pad("l",6,"*"), replace(3,4,"****") on the bytes
        assertEquals("taxTe|c4c8b1462548999fc81088afeb3d0db1|1989-06-04 00:00:00|**true|Tes****Data", lines.get(0));
    }
}
