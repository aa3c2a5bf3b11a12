package io.vectorsync.api.reader;

import java.util.List;

/**
 * The reader of one job step. Lifecycle, all on the core's driver thread except {@link #open}:
 * <ol>
 *   <li>{@link #schema()}: at planning, offline (for {@code validate} too);</li>
 *   <li>{@link #check()}: for {@code run} and {@code preview} only, may connect;</li>
 *   <li>{@link #planSplits(int)} once (on a resumed or distributed run, splits may instead come from
 *       {@link #splitCodec()}, decoded from what an earlier plan encoded);</li>
 *   <li>{@link #open(Split)} once per split, from any of the job's streams (concurrently: be thread-safe);</li>
 *   <li>{@link #close()}.</li>
 * </ol>
 */
public interface Reader extends AutoCloseable {
    /** The schema of the records this reader emits. Must not need a connection. */
    io.vectorsync.api.record.Schema schema();

    /** Checks the source can be read (connects, the table or bucket exists). Throws a PluginException if not. */
    default void check() throws Exception {
    }

    /**
     * Cuts the input into splits (files, objects, table ranges). {@code suggestedParallelism} is
     * {@code speed.concurrent}: produce at least that many when the input allows; more is fine.
     */
    List<? extends Split> planSplits(int suggestedParallelism) throws Exception;

    /**
     * How this reader's splits become bytes and back: for the resume journal and for shipping splits to the
     * workers of a cluster engine. Must be available offline, right after {@code create}.
     */
    SplitCodec splitCodec();

    /** Opens one split for reading. Called concurrently for different splits. */
    SplitReader open(Split split) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
