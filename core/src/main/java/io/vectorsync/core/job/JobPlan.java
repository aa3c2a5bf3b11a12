package io.vectorsync.core.job;

import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.writer.Writer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A planned job: every step created and bound, schemas known. Closing it closes every plugin instance. */
public record JobPlan(JobSpec spec, PlannedStep<Reader> reader, List<PlannedStep<Transformer>> transformers,
                      PlannedStep<Writer> writer) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobPlan.class);

    /** Every step, reader first. */
    public List<PlannedStep<?>> steps() {
        List<PlannedStep<?>> all = new ArrayList<>();
        all.add(reader);
        all.addAll(transformers);
        if (writer != null) {
            all.add(writer);
        }
        return all;
    }

    @Override
    public void close() {
        for (PlannedStep<?> step : steps()) {
            closeQuietly(step);
        }
    }

    static void closeQuietly(PlannedStep<?> step) {
        try {
            step.plugin().run(() -> step.instance().close());
        } catch (Exception e) {
            LOG.warn("Closing step {} failed: {}", step.spec().name(), e.toString());
        }
    }
}
