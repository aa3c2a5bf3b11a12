package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.runtime.JobResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model quality through a real job: the STS Benchmark dev split (vendored with its license in the onnx plugin's test
 * resources, on this test's class path through that module's test-jar) read by the localfile reader,
 * both sentences embedded in-process by all-MiniLM-L6-v2 in two embedding steps, written as JSON lines; then the
 * Spearman correlation of cosine similarity with the gold scores. A correct model scores 86.7 on this split.
 */
class StsbQualityIT {
    @TempDir
    Path dir;

    @Test
    void allMiniLmL6V2ScoresItsReferenceSpearmanOnTheDevSplit() throws Exception {
        Path csv = dir.resolve("stsb-en-dev.csv");
        try (InputStream in = StsbQualityIT.class.getResourceAsStream("/stsb/stsb-en-dev.csv")) {
            assertNotNull(in, "/stsb/stsb-en-dev.csv (from vectorsync-model-onnx's test-jar) is not on the class path");
            Files.copy(in, csv);
        }
        Path out = dir.resolve("out");
        String embed = """
                {"stepType":"embedding-transformer","category":"flatmap","name":"%s","parameter":{
                  "modelProvider":"onnx","modelName":"all-MiniLM-L6-v2","dimension":384,"batchSize":64,
                  "embeddingColumns":{"sourceColumnNames":["%s"],"embeddingColumnName":"%s"}}}""";
        String job = """
                {"type":"job","version":"2.0","steps":[
                 {"stepType":"localfile","category":"reader","name":"Reader","parameter":{
                   "path":["%s"],"fileFormat":"csv","column":[
                     {"index":0,"name":"s1","type":"string"},{"index":1,"name":"s2","type":"string"},
                     {"index":2,"name":"score","type":"double"}]}},
                 %s,
                 %s,
                 {"stepType":"localfile","category":"writer","name":"Writer","parameter":{
                   "path":"%s","fileName":"stsb","fileFormat":"jsonl","writeMode":"truncate"}}],
                 "setting":{"errorLimit":{"record":"0"},"speed":{"concurrent":1}}}
                """.formatted(csv, embed.formatted("embed1", "s1", "v1"), embed.formatted("embed2", "s2", "v2"), out);
        Path jobFile = dir.resolve("stsb.json");
        Files.writeString(jobFile, job);
        JobResult r = Distribution.engine(dir.resolve("dirty.jsonl"), null, Map.of()).run(jobFile);
        assertTrue(r.succeeded(), r.error());
        assertEquals(1500, r.recordsWritten());

        List<Double> gold = new ArrayList<>();
        List<Double> cosine = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try (var files = Files.list(out)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode n = mapper.readTree(line);
                    gold.add(n.get("score").asDouble());
                    cosine.add(cos(n.get("v1"), n.get("v2")));
                }
            }
        }
        double spearman = 100 * spearman(gold, cosine);
        System.out.printf("STS-B dev (en) cosine Spearman x100 through a job: %.2f%n", spearman);
        assertEquals(86.7, spearman, 0.5, "all-MiniLM-L6-v2 scores 86.7 when tokenization, truncation and pooling are right");
    }

    private static double cos(JsonNode a, JsonNode b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.size(); i++) {
            double x = a.get(i).asDouble();
            double y = b.get(i).asDouble();
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return dot / Math.sqrt(na * nb);
    }

    static double spearman(List<Double> x, List<Double> y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElse(0);
        double my = Arrays.stream(ry).average().orElse(0);
        double num = 0;
        double dx = 0;
        double dy = 0;
        for (int i = 0; i < rx.length; i++) {
            num += (rx[i] - mx) * (ry[i] - my);
            dx += (rx[i] - mx) * (rx[i] - mx);
            dy += (ry[i] - my) * (ry[i] - my);
        }
        return num / Math.sqrt(dx * dy);
    }

    /** Average ranks (ties share the mean of their positions). */
    private static double[] ranks(List<Double> v) {
        Integer[] idx = IntStream.range(0, v.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.comparing(v::get));
        double[] ranks = new double[v.size()];
        for (int i = 0; i < idx.length; ) {
            int j = i;
            while (j + 1 < idx.length && v.get(idx[j + 1]).equals(v.get(idx[i]))) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[idx[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }
}
