package io.vectorsync.writer.hologres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Idempotence per table and mode, abort, and retry pauses that end on the stop signal or an interrupt. */
class HoloWriteSafetyTest {
    private final HoloWriterFactory factory = new HoloWriterFactory();

    private Idempotence idempotenceAfterCheck(Map<String, Object> params) throws Exception {
        try (HoloWriter w = (HoloWriter) factory.create(PluginHarness.bind(factory, params), new TestPluginContext("W"))) {
            w.bind(HoloWriterTest.DOC);
            w.check();
            return w.idempotence();
        }
    }

    @Test
    void idempotentWithAPrimaryKeyInEveryConflictModeAndNotWithout() throws Exception {
        HoloWriterTest.createDocs("idem_pk", true);
        HoloWriterTest.createDocs("idem_nopk", false);
        for (String mode : List.of("replace", "update", "ignore")) {
            Idempotence i = idempotenceAfterCheck(HoloWriterTest.params("idem_pk", "conflictMode", mode));
            assertTrue(i.idempotent(), mode + ": " + i.explanation());
            assertTrue(i.explanation().contains("conflictMode " + mode), i.explanation());
        }
        Idempotence none = idempotenceAfterCheck(HoloWriterTest.params("idem_nopk", "conflictMode", "replace"));
        assertFalse(none.idempotent());
        assertTrue(none.explanation().contains("no primary key"), none.explanation());

        // before connecting: known only for a table the writer will create with a key
        HoloTestDatabase.exec("DROP TABLE IF EXISTS idem_new");
        Map<String, Object> create = HoloWriterTest.params("idem_new", "conflictMode", "replace");
        create.put("createTableIfNotExist", true);
        create.put("primaryKey", List.of("id"));
        assertTrue(factory.create(PluginHarness.bind(factory, create), new TestPluginContext("W")).idempotence()
                .idempotent());
        Idempotence unknown = factory.create(PluginHarness.bind(factory, HoloWriterTest.params("idem_pk")),
                new TestPluginContext("W")).idempotence();
        assertFalse(unknown.idempotent());
        assertTrue(unknown.explanation().contains("cannot tell before connecting"), unknown.explanation());
    }

    @Test
    void abortDropsTheBufferedRowsAndKeepsTheCommittedBatches() throws Exception {
        HoloWriterTest.createDocs("aborted", true);
        Map<String, Object> p = HoloWriterTest.params("aborted", "conflictMode", "replace");
        p.put("batchSize", 4);
        try (HoloWriter w = (HoloWriter) factory.create(PluginHarness.bind(factory, p), new TestPluginContext("W"))) {
            w.bind(HoloWriterTest.DOC);
            w.check();
            w.prepare();
            try (WriterTask t = w.openTask(0)) {
                t.write(HoloWriterTest.docs(0, 6, "t")); // 4 rows are committed, 2 stay buffered
                t.abort(new RuntimeException("cancelled"));
                t.write(HoloWriterTest.docs(6, 7, "t"));
            }
            w.abort(new RuntimeException("cancelled"));
        }
        assertEquals(List.of(0L, 1L, 2L, 3L), List.copyOf(HoloWriterTest.rows("aborted").keySet()));
    }

    @Test
    void aRetryPauseEndsOnTheStopSignal() throws Exception {
        Throwable t = stuckInRetry(TestPluginContext::requestStop, null);
        assertInstanceOf(InterruptedException.class, t);
    }

    @Test
    void aRetryPauseEndsOnInterruptAndTheThreadSeesIt() throws Exception {
        Throwable t = stuckInRetry(ctx -> { }, Thread::interrupt);
        assertInstanceOf(InterruptedException.class, t);
    }

    /**
     * Writes a batch whose connection is broken and cannot be reopened, with a 30-second retry pause (the
     * longest); once the writing thread waits in that pause, {@code onContext} and {@code onThread} stop it.
     * Returns what the write threw.
     */
    private Throwable stuckInRetry(Consumer<TestPluginContext> onContext, Consumer<Thread> onThread) throws Exception {
        HoloWriterTest.createDocs("stuck", true);
        TestPluginContext ctx = new TestPluginContext("W");
        Map<String, Object> p = HoloWriterTest.params("stuck", "useCopy", "false");
        HoloPlan plan;
        try (HoloWriter w = (HoloWriter) factory.create(PluginHarness.bind(factory, p), ctx)) {
            w.bind(HoloWriterTest.DOC);
            w.check();
            w.prepare();
            plan = w.plan();
        }
        AtomicInteger opened = new AtomicInteger();
        HoloWriterTask.ConnectionFactory broken = () -> {
            if (opened.getAndIncrement() == 0) {
                Connection c = HoloTestDatabase.connect();
                c.close(); // every statement on it fails with SQLSTATE 08003
                return c;
            }
            throw new SQLException("connection refused (test)", "08001");
        };
        HoloWriterTask task = new HoloWriterTask(broken, ctx, plan, 1, 1000, 600_000L);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                task.write(HoloWriterTest.docs(0, 1, "x"));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        writer.start();
        while (writer.getState() != Thread.State.TIMED_WAITING) { // the only timed wait on this path is the pause
            assertTrue(writer.isAlive(), "the write ended before pausing: " + thrown.get());
            Thread.onSpinWait();
        }
        onContext.accept(ctx);
        if (onThread != null) {
            onThread.accept(writer);
        }
        writer.join(TimeUnit.SECONDS.toMillis(25)); // the pause alone would last 30 seconds
        assertFalse(writer.isAlive(), "the retry pause did not end");
        task.close();
        return thrown.get();
    }
}
