package io.vectorsync.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.Jobs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CLI's commands, exit codes and outputs, on the class-path test plugins. */
class VectorsyncCliTest extends CliTestBase {
    @Test
    void runSucceedsWritesTheReportAndExitsZero() throws Exception {
        Path job = Jobs.write(dir, "ok", Jobs.job("'count':'${N}'", "", "'sink':'cli-ok'", "'speed':{'concurrent':2}"));
        Path report = dir.resolve("report.json");
        Outcome o = cli("run", job.toString(), "-p", "N=250", "--report", report.toString(), "--progress-interval", "0",
                "--dirty-file", dir.resolve("d.jsonl").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("Job ok SUCCEEDED"), o.err());
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertEquals("SUCCEEDED", r.get("status").asText());
        assertEquals(250, r.get("recordsWritten").asLong());
    }

    @Test
    void aFailedJobExitsOneAndAnInvalidOneTwo() throws Exception {
        Path failing = Jobs.write(dir, "fail", Jobs.job("'count':10,'markEvery':2,'mark':'REJECT'", "",
                "'sink':'cli-fail','rejectColumn':'text'", "'errorLimit':{'record':0}"));
        Outcome failed = cli("run", failing.toString(), "--progress-interval", "0", "--dirty-file", dir.resolve("d.jsonl").toString());
        assertEquals(1, failed.code(), failed.err());
        assertTrue(failed.err().contains("errorLimit.record is 0"), failed.err());

        Path invalid = Jobs.write(dir, "invalid", Jobs.job("'count':10", "", "'sink':'x','bogus':1", ""));
        Outcome bad = cli("run", invalid.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("$.steps[1].parameter.bogus: unknown parameter"), bad.err());

        Outcome unresolved = cli("validate", Jobs.write(dir, "p", Jobs.job("'count':'${NOPE}'", "", "'sink':'x'", "")).toString());
        assertEquals(2, unresolved.code());
        assertTrue(unresolved.err().contains("${NOPE}"), unresolved.err());

        assertEquals(2, cli("run", dir.resolve("missing.json").toString()).code());
        assertEquals(2, cli("frobnicate").code());
        Files.writeString(dir.resolve("garbage.json"), "{not json");
        Outcome garbage = cli("validate", dir.resolve("garbage.json").toString());
        assertEquals(2, garbage.code());
        assertTrue(garbage.err().contains("malformed JSON"), garbage.err());
    }

    @Test
    void validateSaysValidAndPreviewPrintsRecords() throws Exception {
        Path job = Jobs.write(dir, "v", Jobs.job("'count':100",
                "{'stepType':'upper','category':'flatmap','name':'up','parameter':{'column':'text'}}", "'sink':'cli-v'", ""));
        Outcome v = cli("validate", job.toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("Job v is valid: 3 steps"), v.out());
        Outcome p = cli("preview", job.toString(), "--limit", "3");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("columns: id int64, text string, upper string"), p.out());
        assertTrue(p.out().contains("#3 {id=2, text=row-2, upper=ROW-2}"), p.out());
        assertTrue(p.out().contains("3 record(s) previewed; nothing was written"), p.out());
        assertFalse(p.out().contains("#4"), p.out());
    }

    @Test
    void pluginsListsAndDescribes() {
        Outcome list = cli("plugins");
        assertEquals(0, list.code());
        assertTrue(list.out().contains("reader") && list.out().contains("gen") && list.out().contains("(class path)"), list.out());
        Outcome describe = cli("plugins", "describe", "gen");
        assertEquals(0, describe.code(), describe.err());
        assertTrue(describe.out().contains("| `count` | long |  | yes | Records in total. |"), describe.out());
        assertEquals(2, cli("plugins", "describe", "nope").code());
    }
}
