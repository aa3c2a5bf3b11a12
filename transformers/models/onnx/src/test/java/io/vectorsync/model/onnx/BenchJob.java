package io.vectorsync.model.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's job, {@code localfile -> embedding(onnx, batchSize 10) -> localfile} with 2 streams, run by the
 * laid-out distribution ({@code assembly/target/vectorsync-VERSION/bin/vectorsync}) in its own process, whose peak
 * resident memory (VmHWM) is read from /proc while it runs. The input is the sentences {@code repeats} times over,
 * in two files (two splits, so both streams have work); repeats are thousands of rows apart, so with the vector
 * cache off every row is embedded, and the model loading at the start weighs less in the job's rate.
 */
final class BenchJob {
    /** What one job run gave: records/s over the report's duration (model loading included) and peak RSS. */
    record Outcome(long records, long durationMs, long peakRssKb) {
        double rate() {
            return records * 1000.0 / durationMs;
        }
    }

    private final Path launcher;
    private final Path dir;
    private final List<Path> inputs;
    private final int texts;

    private BenchJob(Path launcher, Path dir, List<Path> inputs, int texts) {
        this.launcher = launcher;
        this.dir = dir;
        this.inputs = inputs;
        this.texts = texts;
    }

    /** The job over {@code texts}, or empty when the distribution is not built (then the job is skipped). */
    static Optional<BenchJob> prepare(List<String> texts, int repeats) throws IOException {
        // the module directory is <repo>/transformers/models/onnx
        Path target = Path.of("").toAbsolutePath().resolve("../../../assembly/target").normalize();
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        Optional<Path> launcher;
        try (var dirs = Files.list(target)) {
            launcher = dirs.filter(d -> d.getFileName().toString().matches("vectorsync-\\d.*") && Files.isDirectory(d))
                    .map(d -> d.resolve("bin/vectorsync")).filter(Files::isExecutable).findFirst();
        }
        if (launcher.isEmpty()) {
            return Optional.empty();
        }
        Path dir = Files.createTempDirectory("onnx-bench-job");
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            texts.forEach(t -> rows.add(List.of(t)));
        }
        List<Path> inputs = List.of(dir.resolve("sentences-0.csv"), dir.resolve("sentences-1.csv"));
        int half = rows.size() / 2;
        CsvMapper csv = new CsvMapper();
        csv.writerFor(List.class).writeValues(inputs.get(0).toFile()).writeAll(rows.subList(0, half)).close();
        csv.writerFor(List.class).writeValues(inputs.get(1).toFile()).writeAll(rows.subList(half, rows.size())).close();
        return Optional.of(new BenchJob(launcher.get(), dir, inputs, rows.size()));
    }

    Path launcher() {
        return launcher;
    }

    /** Runs the job with {@code modelName} and {@code batchSize}; fails unless every text was embedded and written. */
    Outcome run(String modelName, int batchSize) throws IOException, InterruptedException {
        String name = modelName + "-" + batchSize;
        Path job = dir.resolve("job-" + name + ".json");
        Path report = dir.resolve("report-" + name + ".json");
        Files.writeString(job, """
                {"type":"job","version":"2.0","steps":[
                 {"stepType":"localfile","category":"reader","name":"Reader","parameter":{
                   "path":["%s","%s"],"fileFormat":"csv","column":[{"index":0,"name":"s","type":"string"}]}},
                 {"stepType":"embedding-transformer","category":"flatmap","name":"embed","parameter":{
                   "modelProvider":"onnx","modelName":"%s","batchSize":%d,"cacheSizeMb":0,"persistentCache":{"enabled":false},
                   "embeddingColumns":{"sourceColumnNames":["s"],"embeddingColumnName":"v"}}},
                 {"stepType":"localfile","category":"writer","name":"Writer","parameter":{
                   "path":"%s","fileName":"out","fileFormat":"jsonl","writeMode":"truncate"}}],
                 "setting":{"errorLimit":{"record":"0"},"speed":{"concurrent":2}}}
                """.formatted(inputs.get(0), inputs.get(1), modelName, batchSize, dir.resolve("out-" + name)));
        Process p = new ProcessBuilder(launcher.toString(), "run", "--progress-interval=0", "--report=" + report,
                job.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log-" + name + ".txt").toFile()).start();
        Path status = Path.of("/proc/" + p.pid() + "/status");
        long peak = 0;
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, vmHwmKb(status));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the benchmark job failed (exit " + p.exitValue() + "); see "
                    + dir.resolve("log-" + name + ".txt"));
        }
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        long written = r.get("recordsWritten").asLong();
        if (written != texts) {
            throw new IllegalStateException("the benchmark job wrote " + written + " of " + texts + " records");
        }
        return new Outcome(written, r.get("durationMs").asLong(), peak);
    }

    /** The process's peak resident set so far, in kB (0 once it has gone). */
    private static long vmHwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
        return 0;
    }
}
