package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.Engine;
import io.vectorsync.core.runtime.RunOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The laid-out distribution under test (assembly/target/vectorsync-VERSION) and ways to run jobs on it. */
final class Distribution {
    static final Path HOME = Path.of(System.getProperty("vectorsync.dist", "target/vectorsync-dist")).toAbsolutePath();
    static final Path REPO = Path.of(System.getProperty("vectorsync.repo", "..")).toAbsolutePath().normalize();

    private Distribution() {
    }

    /** An engine over the distribution's plugins only, as bin/vectorsync sees them. */
    static Engine engine(Path dirtyFile, Path datasources, Map<String, String> params) {
        return Engine.builder().pluginDirs(List.of(HOME.resolve("plugins"))).includeClassPath(false)
                .datasources(datasources).scriptParameters(params).dirtyFile(dirtyFile)
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
    }

    record Outcome(int exitCode, String stdout, String stderr) {
    }

    /** A run's CLI outcome and the report it wrote. */
    record Run(Outcome outcome, JsonNode report) {
    }

    /**
     * Runs {@code bin/vectorsync run job --report FILE --progress-interval 0}, asserts that it exits 0 and reads the
     * report.
     */
    static Run runSucceeding(String job) throws IOException, InterruptedException {
        Path report = Files.createTempFile("vectorsync-report", ".json");
        Outcome o = cli("run", job, "--report", report.toString(), "--progress-interval", "0");
        assertEquals(0, o.exitCode(), o.stderr());
        return new Run(o, new ObjectMapper().readTree(report.toFile()));
    }

    /** Runs {@code bin/vectorsync args…} from the repository root, as the README does. */
    static Outcome cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin/vectorsync").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("vectorsync-out", ".txt");
        Path err = Files.createTempFile("vectorsync-err", ".txt");
        Process p = new ProcessBuilder(command).directory(REPO.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/vectorsync " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
