package io.vectorsync.core.job;

import io.vectorsync.api.record.Schema;
import io.vectorsync.core.plugin.LoadedPlugin;
import io.vectorsync.core.runtime.StepContext;

/**
 * A step ready to run: its spec, plugin, created instance ({@link io.vectorsync.api.reader.Reader},
 * {@link io.vectorsync.api.transform.Transformer} or {@link io.vectorsync.api.writer.Writer}), context and the
 * schema of the records it emits (the writer's is its input schema).
 */
public record PlannedStep<T extends AutoCloseable>(StepSpec spec, LoadedPlugin plugin, T instance, StepContext context,
                                                   Schema outputSchema) {
}
