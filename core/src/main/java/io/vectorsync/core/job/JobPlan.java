package io.vectorsync.core.job;

import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.core.stats.StepMetrics;
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

    /** Every step's {@code check()}, reader first: fails before anything is prepared or read. */
    public void checkTargets() throws Exception {
        reader.plugin().run(() -> reader.instance().check());
        for (PlannedStep<Transformer> t : transformers) {
            t.plugin().run(() -> t.instance().check());
        }
        for (PlannedStep<Writer> w : writers) {
            w.plugin().run(() -> w.instance().check());
        }
    }

    /** Records read: what the reader emitted plus the inputs it reported dirty. */
    public long recordsRead() {
        StepMetrics m = reader.context().stepMetrics();
        return m.recordsOut() + m.dirty();
    }

    /**
     * Fails when a writer received another number of records than left the last transformer (or the reader):
     * a plugin lost records. {@code where} ends the message, e.g. how the counts were summed.
     */
    public void checkWritersReceivedAll(String where) {
        long upstream = (transformers.isEmpty() ? reader : transformers.get(transformers.size() - 1)).context()
                .stepMetrics().recordsOut();
        for (PlannedStep<Writer> writer : writers) {
            StepMetrics w = writer.context().stepMetrics();
            if (w.recordsIn() != upstream) {
                throw new IllegalStateException("the writer " + w.stepName() + " received " + w.recordsIn()
                        + " records but " + upstream + " were sent to it" + where);
            }
        }
    }

    /** The records the splits hold, or -1 when a split does not know. */
    public static long estimatedRecords(List<? extends Split> splits) {
        long total = 0;
        for (Split s : splits) {
            if (s.estimatedRecords() < 0) {
                return -1;
            }
            total += s.estimatedRecords();
        }
        return total;
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
