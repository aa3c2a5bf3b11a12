package io.vectorsync.core.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.stats.SecretMasker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs the way a scheduler would: each in its own process, the CLI's {@code run} with {@code --report},
 * started in the work directory. Its output becomes the run's log and progress events; its report, the run's
 * counts. Everything about a run stays in {@code runs/<id>/} (job, log, report, dirty records, run.json).
 */
final class RunManager {
    private static final Logger LOG = LoggerFactory.getLogger(RunManager.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final WorkDir workDir;
    private final JobService jobs;
    private final List<Path> extraPluginDirs;
    private final ObjectMapper mapper;
    private final SecretMasker masker;
    private final Map<String, RunRecord> runs = new ConcurrentHashMap<>();

    RunManager(WorkDir workDir, JobService jobs, List<Path> extraPluginDirs, ObjectMapper mapper, SecretMasker masker) {
        this.masker = masker;
        this.workDir = workDir;
        this.jobs = jobs;
        this.extraPluginDirs = List.copyOf(extraPluginDirs);
        this.mapper = mapper;
        restoreHistory();
    }

    /** Starts the job; answers at once with the run (status RUNNING). */
    RunRecord start(String json, String name) {
        String jobName = JobService.jobName(name);
        Path scratch = jobs.writeScratchJob(json, jobName); // refuses local paths outside the work directory
        String id = ID_TIME.format(Instant.now()) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        Path dir = workDir.runs().resolve(id);
        try {
            Files.createDirectories(dir);
            Path jobFile = dir.resolve(jobName + ".json");
            Files.move(scratch, jobFile);
            RunRecord run = new RunRecord(id, jobName, Instant.now());
            runs.put(id, run);
            Process p = new ProcessBuilder(command(jobFile, dir)).directory(workDir.root().toFile())
                    .redirectErrorStream(true).start();
            run.attach(p);
            save(run);
            Thread pump = new Thread(() -> pump(run, p, dir), "run-" + id);
            pump.setDaemon(true);
            pump.start();
            LOG.info("Run {} of job {} started (pid {})", id, jobName, p.pid());
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the run: " + e.getMessage(), e);
        }
    }

    /** The CLI in a new JVM with the console's own class path (lib/* in the distribution) and plugin directories. */
    private List<String> command(Path jobFile, Path dir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        String home = System.getProperty("vectorsync.home");
        if (home != null) {
            cmd.add("-Dvectorsync.home=" + home);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.vectorsync.core.cli.VectorsyncCli", "run",
                jobFile.toString(), "--report", dir.resolve("report.json").toString(),
                "--dirty-file", dir.resolve("dirty.jsonl").toString(), "--progress-interval", "1"));
        for (Path d : extraPluginDirs) {
            cmd.add("--plugin-dir");
            cmd.add(d.toString());
        }
        if (Files.exists(workDir.datasourcesFile())) {
            cmd.add("--datasources");
            cmd.add(workDir.datasourcesFile().toString());
        }
        return cmd;
    }

    private void pump(RunRecord run, Process p, Path dir) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(dir.resolve("log.txt"), StandardCharsets.UTF_8)) {
            String line;
            java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();
            while ((line = in.readLine()) != null) {
                String masked = masker.mask(line);
                if (!masked.isBlank()) {
                    tail.addLast(masked);
                    if (tail.size() > 5) {
                        tail.removeFirst();
                    }
                }
                log.write(masked);
                log.write('\n');
                log.flush();
                run.emit(new RunRecord.Event(masked.contains("ProgressReporter") ? "progress" : "log", masked));
            }
            int exit = p.waitFor();
            Map<String, Object> report = readReport(dir.resolve("report.json"));
            if (report.isEmpty() && exit != 0) {
                // no report: the CLI stopped before running (invalid job, plugin not loadable); its last words say why
                report = Map.of("error", "exit code " + exit + ": " + String.join("\n", tail));
            }
            run.end(exit, report);
        } catch (IOException | InterruptedException e) {
            run.end(-1, Map.of("error", "lost the run's output: " + e.getMessage()));
        }
        save(run);
        try {
            run.emit(new RunRecord.Event("end", mapper.writeValueAsString(run.toJson())));
        } catch (IOException e) {
            run.emit(new RunRecord.Event("end", "{\"status\":\"" + run.status() + "\"}"));
        }
        LOG.info("Run {} ended {}", run.id, run.status());
    }

    private Map<String, Object> readReport(Path report) {
        if (!Files.exists(report)) {
            return Map.of();
        }
        try {
            return mapper.readValue(masker.mask(Files.readString(report)), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            return Map.of("error", "unreadable report: " + e.getMessage());
        }
    }

    private void save(RunRecord run) {
        try {
            Files.writeString(workDir.runs().resolve(run.id).resolve("run.json"), masker.mask(mapper.writeValueAsString(run.toJson())));
        } catch (IOException e) {
            LOG.warn("Cannot save run {}: {}", run.id, e.toString());
        }
    }

    private void restoreHistory() {
        try (Stream<Path> dirs = Files.list(workDir.runs())) {
            for (Path d : dirs.toList()) {
                Path saved = d.resolve("run.json");
                if (Files.exists(saved)) {
                    RunRecord r = RunRecord.restore(mapper.readValue(Files.readString(saved), new TypeReference<Map<String, Object>>() { }));
                    runs.put(r.id, r);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read the run history: {}", e.toString());
        }
    }

    Optional<RunRecord> find(String id) {
        return Optional.ofNullable(runs.get(WorkDir.name(id, "run")));
    }

    RunRecord get(String id) {
        return find(id).orElseThrow(() -> new ConsoleException(404, "no run \"" + id + "\""));
    }

    /** Newest first. */
    List<Map<String, Object>> history() {
        return runs.values().stream().sorted(Comparator.comparing((RunRecord r) -> r.startedAt).reversed())
                .map(RunRecord::toJson).toList();
    }

    /** The first {@code limit} dirty records of a run, as written by the CLI (secrets already masked). */
    List<Object> dirtyRecords(String id, int limit) {
        RunRecord run = get(id);
        Path file = workDir.runs().resolve(run.id).resolve("dirty.jsonl");
        List<Object> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (Stream<String> lines = Files.lines(file)) {
            for (String line : lines.limit(limit).toList()) {
                out.add(mapper.readValue(masker.mask(line), Object.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    String log(String id) {
        RunRecord run = get(id);
        Path file = workDir.runs().resolve(run.id).resolve("log.txt");
        try {
            return Files.exists(file) ? masker.mask(Files.readString(file)) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every running process (console shutdown). */
    void stopAll() {
        runs.values().forEach(RunRecord::cancel);
    }
}
