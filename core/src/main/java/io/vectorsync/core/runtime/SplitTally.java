package io.vectorsync.core.runtime;

import io.vectorsync.core.stats.StepMetrics;

/**
 * Hands the dirty records of the reader and the writer (counted per step, for the whole job) to the split that
 * ends next. Exact with one stream ({@code speed.concurrent: 1}): a split's records are then all counted by the time
 * its end marker passes. With several streams, a dirty record reported while two splits are open may be
 * attributed to the other one; the job's total stays right.
 */
final class SplitTally {
    private long readerDirtySeen; // guarded by this
    private long writerDirtySeen; // guarded by this

    synchronized long takeReaderDirty(StepMetrics reader) {
        long now = reader.dirty();
        long d = now - readerDirtySeen;
        readerDirtySeen = now;
        return d;
    }

    synchronized long takeWriterDirty(StepMetrics writer) {
        long now = writer.dirty();
        long d = now - writerDirtySeen;
        writerDirtySeen = now;
        return d;
    }
}
