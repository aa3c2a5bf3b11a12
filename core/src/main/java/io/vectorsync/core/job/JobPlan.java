package io.vectorsync.core.job;

import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.writer.Writer;
import java.util.ArrayList;
import java.util.List;
import io.vectorsync.core.runtime.RunScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A planned job: every step created and bound, schemas known. Closing it closes every plugin instance, then what
 * the steps shared in the run.
 *
 * @param writers  one or more; each receives every record that leaves the transformers
 * @param runScope what the steps share in this run ({@link io.vectorsync.api.PluginContext#runShared})
 */
public record JobPlan(JobSpec spec, PlannedStep<Reader> reader, List<PlannedStep<Transformer>> transformers,
                      List<PlannedStep<Writer>> writers, RunScope runScope) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobPlan.class);

    public JobPlan {
        transformers = List.copyOf(transformers);
        writers = List.copyOf(writers);
    }

    /** The first writer; its input schema is every writer's. */
    public PlannedStep<Writer> writer() {
        return writers.get(0);
    }

    /** Every step, reader first. */
    public List<PlannedStep<?>> steps() {
        List<PlannedStep<?>> all = new ArrayList<>();
        all.add(reader);
        all.addAll(transformers);
        all.addAll(writers);
        return all;
    }

    @Override
    public void close() {
        for (PlannedStep<?> step : steps()) {
            closeQuietly(step);
        }
        runScope.close();
    }

    static void closeQuietly(PlannedStep<?> step) {
        try {
            step.plugin().run(() -> step.instance().close());
        } catch (Exception e) {
            LOG.warn("Closing step {} failed: {}", step.spec().name(), e.toString());
        }
    }
}
