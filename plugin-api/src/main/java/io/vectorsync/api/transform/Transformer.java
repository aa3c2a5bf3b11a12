package io.vectorsync.api.transform;

import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.util.List;

/**
 * A transformer step. One instance per job step, shared by all streams: {@link #transform} is called
 * concurrently and must be thread-safe (which is what lets the embedding step share its cache and rate limiter
 * across streams).
 *
 * <p>Every input record must end in exactly one of: emitted to the output (possibly changed), reported dirty
 * through the context, or {@link TransformOutput#filter filtered}. The core checks this count.
 */
public interface Transformer extends AutoCloseable {
    /**
     * Called once at planning with the upstream schema; returns the schema of the records this step emits.
     * Unknown column names fail here with a {@link io.vectorsync.api.error.PluginException} that names the
     * parameter and lists the available fields.
     */
    Schema outputSchema(Schema input);

    /** For {@code run} and {@code preview}: checks external services (a model endpoint). Default: nothing. */
    default void check() throws Exception {
    }

    /** Transforms one batch of records of the input schema, in order. */
    void transform(List<Row> batch, TransformOutput output) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
