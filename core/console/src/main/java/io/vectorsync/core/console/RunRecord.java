package io.vectorsync.core.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One run started from the console: its status ({@code RUNNING}, then the report's {@code SUCCEEDED} or
 * {@code FAILED}, or {@code CANCELLED}), the report once it ended, and the log lines seen so far, which are
 * replayed to every new listener so a page opened late still sees the whole run.
 */
final class RunRecord {
    private static final int MAX_EVENTS = 5000;

    /** A server-sent event: {@code log}, {@code progress} or {@code end}. */
    record Event(String type, String data) {
    }

    final String id;
    final String job;
    final Instant startedAt;
    private volatile String status = "RUNNING";
    private volatile Instant endedAt;
    private volatile Integer exitCode;
    private volatile Map<String, Object> report = Map.of();
    private volatile String lastProgress;
    private final List<Event> events = new ArrayList<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private volatile Process process;
    private volatile boolean cancelRequested;

    RunRecord(String id, String job, Instant startedAt) {
        this.id = id;
        this.job = job;
        this.startedAt = startedAt;
    }

    /** A run read back from its run.json after a restart. */
    @SuppressWarnings("unchecked")
    static RunRecord restore(Map<String, Object> saved) {
        RunRecord r = new RunRecord((String) saved.get("id"), (String) saved.get("job"),
                Instant.parse((String) saved.get("startedAt")));
        String status = (String) saved.get("status");
        r.status = "RUNNING".equals(status) ? "FAILED" : status; // the console stopped while it ran
        Object ended = saved.get("endedAt");
        r.endedAt = ended == null ? r.startedAt : Instant.parse((String) ended);
        r.exitCode = saved.get("exitCode") instanceof Number n ? n.intValue() : null;
        Map<String, Object> report = new LinkedHashMap<>(saved);
        for (String k : List.of("id", "job", "status", "startedAt", "endedAt", "exitCode", "progress")) {
            report.remove(k);
        }
        r.report = report;
        return r;
    }

    String status() {
        return status;
    }

    boolean running() {
        return "RUNNING".equals(status);
    }

    void attach(Process p) {
        this.process = p;
    }

    /** Stops the process; the run ends CANCELLED. */
    boolean cancel() {
        Process p = process;
        if (p == null || !running()) {
            return false;
        }
        cancelRequested = true;
        p.destroy();
        return true;
    }

    void emit(Event e) {
        synchronized (events) {
            if (events.size() < MAX_EVENTS) {
                events.add(e);
            }
            if (e.type().equals("progress")) {
                lastProgress = e.data();
            }
        }
        for (Consumer<Event> l : listeners) {
            l.accept(e);
        }
    }

    /** Replays past events to {@code listener}, then keeps it informed until {@link #removeListener}. */
    void addListener(Consumer<Event> listener) {
        synchronized (events) {
            events.forEach(listener);
            listeners.add(listener);
        }
    }

    void removeListener(Consumer<Event> listener) {
        listeners.remove(listener);
    }

    void end(int exit, Map<String, Object> reportKeys) {
        this.exitCode = exit;
        this.report = reportKeys;
        this.endedAt = Instant.now();
        if (cancelRequested) {
            status = "CANCELLED";
        } else if (reportKeys.get("status") instanceof String s) {
            status = s;
        } else {
            status = "FAILED";
        }
    }

    /** What {@code GET /api/runs/{id}} answers: status, times and, once ended, the report's keys. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("job", job);
        m.put("startedAt", startedAt.toString());
        Instant end = endedAt;
        if (end != null) {
            m.put("endedAt", end.toString());
        }
        m.put("durationMs", (end == null ? Instant.now() : end).toEpochMilli() - startedAt.toEpochMilli());
        if (exitCode != null) {
            m.put("exitCode", exitCode);
        }
        if (running() && lastProgress != null) {
            m.put("progress", lastProgress);
        }
        report.forEach((k, v) -> {
            if (!k.equals("durationMs") || end == null) {
                m.putIfAbsent(k, v);
            }
        });
        if (report.get("durationMs") != null) {
            m.put("durationMs", report.get("durationMs"));
        }
        m.put("status", status);
        return m;
    }
}
