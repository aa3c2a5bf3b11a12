package io.vectorsync.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.cli.VectorsyncCli;
import io.vectorsync.core.estimate.Estimator;
import io.vectorsync.core.estimate.JobEstimate;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import io.vectorsync.core.testplugins.CountingModelFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vectorsync estimate} runs the real embedding step with counting models: no call, nothing written. */
class EstimateTest {
    @TempDir
    Path dir;

    /** gen (1000 rows, every 10th text "BAD") → embedding-transformer (counting model) → collect. */
    private Path job(String extra) throws Exception {
        String embedding = "{'stepType':'embedding-transformer','category':'flatmap','name':'embed','parameter':{"
                + "'modelProvider':'counting','embeddingColumns':{'sourceColumnNames':['text'],"
                + "'embeddingColumnName':'vec'},'persistentCache':{'path':'" + dir.resolve("cache") + "'}" + extra + "}}";
        return Jobs.write(dir, "embed-job", Jobs.job("'count':1000,'markEvery':10", embedding,
                "'sink':'" + UUID.randomUUID() + "'", "'speed':{'concurrent':1}"));
    }

    private Engine engine() {
        return Engine.builder().dirtyFile(dir.resolve("dirty.jsonl"))
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
    }

    @Test
    void estimatesTextsTokensCallsCostAndTimeWithoutCallingTheModel() throws Exception {
        Path job = job(",'requestsPerSecond':10");
        long before = CountingModelFactory.TEXTS_SENT.get();
        JobEstimate e = new Estimator(engine()).estimate(job, 0);
        assertEquals(before, CountingModelFactory.TEXTS_SENT.get(), "the model was not called");
        assertEquals(1000, e.records());
        assertEquals(1000, e.texts());
        assertEquals(901, e.distinctTexts(), "900 distinct row texts and the repeated mark");
        assertEquals(0, e.cachedTexts());
        assertEquals(91, e.modelCalls(), "901 texts in calls of 10");
        // default approximation: one token per four characters ("row-123" = 7 chars = 2 tokens, "BAD" = 1)
        long tokens = 0;
        for (int i = 0; i < 1000; i++) {
            tokens += i % 10 == 0 ? 0 : ("row-" + i).length() / 4 + (("row-" + i).length() % 4 == 0 ? 0 : 1);
        }
        assertEquals(tokens + 1, e.tokens());
        assertEquals(2.0 * e.tokens() / 1e6, e.costAmount(), 1e-9);
        assertEquals("USD", e.currency());
        assertEquals(91 / 10.0 / 0.97, e.estimatedSeconds(), 0.01);
    }

    @Test
    void afterARunEveryTextIsCachedAndTheRunReportsTokensAndCost() throws Exception {
        Path job = job("");
        long before = CountingModelFactory.TEXTS_SENT.get();
        JobResult run = engine().run(job);
        assertTrue(run.succeeded(), String.valueOf(run.error()));
        assertEquals(901, CountingModelFactory.TEXTS_SENT.get() - before);
        // the run's report shows the tokens the provider reported and what they cost (2 USD per million)
        java.util.Map<String, Long> metrics = run.steps().stream().filter(s -> s.stepName().equals("embed"))
                .findFirst().orElseThrow().pluginCounters();
        long tokens = metrics.get("tokens");
        assertTrue(tokens > 0);
        assertEquals(tokens * 2, metrics.get("costMicroUSD"), 1, "cost in millionths of a dollar");
        assertTrue(io.vectorsync.core.stats.JobSummary.table("embed-job", run).contains("costMicroUSD="));

        JobEstimate e = new Estimator(engine()).estimate(job, 0);
        assertEquals(901, e.cachedTexts());
        assertEquals(0, e.modelCalls());
        assertEquals(0, e.tokens());
        assertNull(e.estimatedSeconds(), "no rate limit configured");
    }

    @Test
    void sampleIsExtrapolatedAndTheCliWritesTheReport() throws Exception {
        Path job = job(",'pricePerMillionTokens':1.5,'priceCurrency':'CNY'");
        Path report = dir.resolve("estimate.json");
        StringWriter out = new StringWriter();
        int code = VectorsyncCli.execute(new String[] {"estimate", job.toString(), "--sample", "100",
                "--report", report.toString(), "--dirty-file", dir.resolve("d.jsonl").toString()},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertEquals(VectorsyncCli.OK, code, out.toString());
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertEquals(1000, r.get("records").asLong());
        assertEquals(100, r.get("sampledRecords").asLong());
        assertEquals(1000, r.get("texts").asLong(), "100 sampled texts, times ten");
        assertEquals(910, r.get("distinctTexts").asLong(), "91 distinct in the sample, times ten");
        assertEquals("CNY", r.get("estimatedCost").get("currency").asText());
        assertTrue(out.toString().contains("estimated cost"), out.toString());
    }
}
