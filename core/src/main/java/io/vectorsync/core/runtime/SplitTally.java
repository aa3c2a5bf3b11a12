package io.vectorsync.core.runtime;

import io.vectorsync.core.resume.SplitCounts;
import io.vectorsync.core.stats.StepMetrics;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Hands the dirty records of the reader and the writers (counted per step, for the whole job) to the split that
 * ends next, and holds a split's end until every writer has flushed it. Exact with one stream
 * ({@code speed.concurrent: 1}): a split's records are then all counted by the time its end marker passes. With
 * several streams, a dirty record reported while two splits are open may be attributed to the other one; the job's
 * total stays right.
 */
final class SplitTally {
    private long readerDirtySeen; // guarded by this
    private final Map<StepMetrics, Long> writerDirtySeen = new IdentityHashMap<>(); // guarded by this
    /** Splits some writers have flushed and others not yet, by their end marker (one object for all writers). */
    private final Map<SplitEnd, Flushed> waiting = new IdentityHashMap<>(); // guarded by this

    /** What the writers that flushed a split so far wrote of it and refused. */
    private static final class Flushed {
        int writers;
        long fewestWritten = Long.MAX_VALUE;
        long writerDirty;
    }

    synchronized long takeReaderDirty(StepMetrics reader) {
        long now = reader.dirty();
        long d = now - readerDirtySeen;
        readerDirtySeen = now;
        return d;
    }

    synchronized long takeWriterDirty(StepMetrics writer) {
        long now = writer.dirty();
        long d = now - writerDirtySeen.getOrDefault(writer, 0L);
        writerDirtySeen.put(writer, now);
        return d;
    }

    /**
     * One writer flushed the split that {@code end} closes, having written {@code written} of its records and
     * refused {@code writerDirty}. Returns the split's counts once the last of the job's {@code writers} has (the
     * split is done only when every writer acknowledged it), else null. As in the job's totals, a split's written
     * records are the fewest any writer wrote, its dirty ones every writer's refusals.
     */
    synchronized SplitCounts writerFlushed(SplitEnd end, int writers, long written, long writerDirty) {
        Flushed f = waiting.computeIfAbsent(end, k -> new Flushed());
        f.writers++;
        f.fewestWritten = Math.min(f.fewestWritten, written);
        f.writerDirty += writerDirty;
        if (f.writers < writers) {
            return null;
        }
        waiting.remove(end);
        return new SplitCounts(end.read(), f.fewestWritten, end.dirty() + f.writerDirty, end.filtered());
    }
}
