package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DataWorks scripts with scheduling expressions and the seed template's spellings run unchanged. */
class DataWorksParityIT {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void schedulingExpressionsFollowBizdateAndCyctime() throws Exception {
        Distribution.Outcome o = Distribution.cli("run", "examples/dataworks/scheduled-partition.json",
                "--bizdate", "20261128", "--cyctime", "20261129023000", "--progress-interval", "0");
        assertEquals(0, o.exitCode(), o.stderr());
        // $[yyyymmdd-1] in the writer's path: the day before the scheduled time
        List<String> lines = Files.readAllLines(
                Distribution.REPO.resolve("target/scheduled-output/pt=20261128/part-0.jsonl"));
        assertEquals(3, lines.size());
        JsonNode first = mapper.readTree(lines.get(0));
        assertEquals("20261128", first.get("bizdate").asText());
        assertEquals("2026-11-27", first.get("day_before").asText());
        assertEquals("20261129023000", first.get("cyctime").asText());
        assertEquals("2026112901", first.get("hour_before").asText());
        assertEquals("202610", first.get("last_month").asText());
    }

    @Test
    void aBusinessDateAloneMeansTheRunWasDueAtMidnightAfterIt() throws Exception {
        Distribution.Outcome o = Distribution.cli("run", "examples/dataworks/scheduled-partition.json",
                "--bizdate", "2026-02-28", "--progress-interval", "0");
        assertEquals(0, o.exitCode(), o.stderr());
        JsonNode first = mapper.readTree(Files.readAllLines(
                Distribution.REPO.resolve("target/scheduled-output/pt=20260228/part-0.jsonl")).get(0));
        assertEquals("20260301000000", first.get("cyctime").asText());
        assertEquals("2026022823", first.get("hour_before").asText());
    }

    @Test
    void anUnknownExpressionIsNamed() throws Exception {
        Distribution.Outcome o = Distribution.cli("validate", "examples/dataworks/scheduled-partition.json",
                "--cyctime", "tomorrow");
        assertEquals(2, o.exitCode(), o.stderr());
        assertTrue(o.stderr().contains("--cyctime \"tomorrow\" is not a time"), o.stderr());
    }

    @Test
    void mapFlatmapCategoryAndProviderInAnyCase() throws Exception {
        JsonNode r = Distribution.runSucceeding("examples/dataworks/template-spellings.json").report();
        assertEquals(200, r.get("recordsRead").asLong());
        assertEquals(200, r.get("recordsWritten").asLong());
    }

    @Test
    void severalWritersEachReceiveEveryRecord() throws Exception {
        JsonNode r = Distribution.runSucceeding("examples/dataworks/several-writers.json").report();
        List<String> vectors = Files.readAllLines(
                Distribution.REPO.resolve("target/several-writers/vectors/sentences-0.jsonl"));
        assertEquals(200, vectors.size());
        assertEquals(384, mapper.readTree(vectors.get(0)).get("sentence_vector").size());
        List<String> archive = Files.readAllLines(
                Distribution.REPO.resolve("target/several-writers/archive/sentences-0.csv"));
        assertEquals(201, archive.size(), "a header line and 200 records");
        assertTrue(archive.get(1).startsWith("A man with a hard hat is dancing.,5.0,"), archive.get(1));
        assertEquals(200, r.get("recordsWritten").asLong());
        int writers = 0;
        for (JsonNode step : r.get("steps")) {
            if (step.get("category").asText().equals("writer")) {
                writers++;
                assertEquals(200, step.get("recordsIn").asLong(), step.toString());
            }
        }
        assertEquals(3, writers);
    }
}
