package io.vectorsync.core.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vectorsync.core.runtime.JobResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end of a job as people and schedulers see it: a table per step, and the {@code --report} JSON. Both show
 * {@code records read = written + dirty + filtered (+ in flight, for a failed or cancelled job)}.
 */
public final class JobSummary {
    private JobSummary() {
    }

    /** A fixed-width table: one row per step, plus the totals and the accounting line. */
    public static String table(String jobName, JobResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nJob %s %s in %.1f s%n", jobName, r.status(), r.durationMs() / 1000.0));
        String fmt = "  %-22s %-22s %12s %12s %9s %9s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "step", "type", "in", "out", "dirty", "filtered", "details"));
        for (StepMetrics m : r.steps()) {
            boolean reader = m.category().equals("reader");
            sb.append(String.format(Locale.ROOT, fmt, clip(m.stepName()), clip(m.category() + ":" + m.stepType()),
                    String.format(Locale.ROOT, "%,d", reader ? m.recordsOut() + m.dirty() : m.recordsIn()),
                    String.format(Locale.ROOT, "%,d", recordsOut(m)),
                    String.format(Locale.ROOT, "%,d", m.dirty()), String.format(Locale.ROOT, "%,d", m.filtered()),
                    details(m)));
        }
        String created = r.recordsCreated() == 0 ? ""
                : String.format(Locale.ROOT, " + created by steps %,d", r.recordsCreated());
        if (r.succeeded()) {
            sb.append(String.format(Locale.ROOT, "  records read %,d%s = written %,d + dirty %,d + filtered %,d%n",
                    r.recordsRead(), created, r.recordsWritten(), r.dirtyRecords(), r.filteredRecords()));
        } else {
            // the writer was aborted (or never finished): "written" would promise rows the target may not keep
            sb.append(String.format(Locale.ROOT, "  records read %,d%s = accepted by the writer %,d + dirty %,d + filtered %,d"
                            + " + in flight %,d (read, not written: the job stopped)%n", r.recordsRead(), created,
                    r.recordsWritten(), r.dirtyRecords(), r.filteredRecords(), r.recordsInFlight()));
            if (r.recordsWritten() > 0) {
                sb.append("  the job did not succeed: what stays of the accepted records in the target depends on the"
                        + " writer (its README: \"What a failed or cancelled run leaves\")\n");
            }
        }
        if (r.resume() != null) {
            var s = r.resume();
            sb.append(String.format(Locale.ROOT, "  resume: attempt %d, %d split(s): %d skipped (done earlier), %d read"
                    + " again, %,d record(s) replayed%s%n", s.attempt(), s.splits(), s.splitsSkipped(),
                    s.splitsReplayed(), s.recordsReplayed(), r.succeeded() ? "; state removed"
                            : "; state kept in " + s.stateDirectory() + " (rerun with --resume)"));
        }
        if (r.durationMs() > 0) {
            sb.append(String.format(Locale.ROOT, "  throughput %,.0f records/s%n", r.recordsRead() * 1000.0 / r.durationMs()));
        }
        if (r.dirtyFile() != null) {
            sb.append("  dirty records: ").append(r.dirtyFile()).append('\n');
        }
        if (!r.succeeded()) {
            sb.append("  error: ").append(r.error()).append('\n');
        }
        return sb.toString();
    }

    /** What a step passed on; for the writer, the records it accepted and did not report dirty (written). */
    private static long recordsOut(StepMetrics m) {
        return m.category().equals("writer") ? Math.max(0, m.recordsOut() - m.dirty()) : m.recordsOut();
    }

    private static String clip(String s) {
        return s.length() <= 22 ? s : s.substring(0, 21) + "…";
    }

    private static String details(StepMetrics m) {
        List<String> parts = new ArrayList<>();
        m.pluginCounters().forEach((k, v) -> parts.add(k + "=" + String.format(Locale.ROOT, "%,d", v)));
        m.latencySummaries().forEach((k, v) -> {
            if (!Long.valueOf(0).equals(v.get("count"))) { // none recorded here (the Flink engine's client)
                parts.add(k + " p50=" + v.get("p50Ms") + "ms p99=" + v.get("p99Ms") + "ms");
            }
        });
        return String.join(", ", parts);
    }

    /** The report for schedulers. */
    public static Map<String, Object> report(String jobName, JobResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", jobName);
        m.put("status", r.status().name());
        m.put("recordsRead", r.recordsRead());
        m.put("recordsWritten", r.recordsWritten());
        m.put("dirtyRecords", r.dirtyRecords());
        m.put("filteredRecords", r.filteredRecords());
        m.put("recordsInFlight", r.recordsInFlight());
        m.put("recordsCreated", r.recordsCreated());
        m.put("durationMs", r.durationMs());
        if (r.error() != null) {
            m.put("error", r.error());
        }
        if (r.dirtyFile() != null) {
            m.put("dirtyFile", r.dirtyFile().toString());
        }
        if (r.resume() != null) {
            Map<String, Object> resume = new LinkedHashMap<>();
            resume.put("attempt", r.resume().attempt());
            resume.put("splits", r.resume().splits());
            resume.put("splitsSkipped", r.resume().splitsSkipped());
            resume.put("splitsReplayed", r.resume().splitsReplayed());
            resume.put("recordsReplayed", r.resume().recordsReplayed());
            resume.put("stateDirectory", r.resume().stateDirectory());
            m.put("resume", resume);
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepMetrics s : r.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("name", s.stepName());
            step.put("stepType", s.stepType());
            step.put("category", s.category());
            step.put("recordsIn", s.category().equals("reader") ? s.recordsOut() + s.dirty() : s.recordsIn());
            step.put("recordsOut", recordsOut(s));
            step.put("dirtyRecords", s.dirty());
            step.put("filteredRecords", s.filtered());
            step.put("bytesOut", s.bytesOut());
            step.put("metrics", s.pluginCounters());
            step.put("latency", s.latencySummaries());
            steps.add(step);
        }
        m.put("steps", steps);
        return m;
    }

    public static void writeReport(Path file, String jobName, JobResult r, ObjectMapper mapper, SecretMasker masker)
            throws IOException {
        String json = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report(jobName, r));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, masker.mask(json));
    }
}
