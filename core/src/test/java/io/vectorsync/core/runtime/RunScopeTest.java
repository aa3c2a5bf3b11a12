package io.vectorsync.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the steps of one run share ({@code PluginContext.runShared}). */
class RunScopeTest {

    /** A shared thing that records when it is closed. */
    record Closing(String name, List<String> closed) implements AutoCloseable {
        @Override
        public void close() {
            closed.add(name);
        }
    }

    @Test
    void oneObjectPerKeyMadeOnceAndClosedWithTheRunLastMadeFirst() {
        List<String> closed = new ArrayList<>();
        AtomicInteger made = new AtomicInteger();
        RunScope run = new RunScope();
        Closing a = run.shared("limiter:k1", Closing.class, () -> {
            made.incrementAndGet();
            return new Closing("a", closed);
        });
        assertSame(a, run.shared("limiter:k1", Closing.class, () -> new Closing("again", closed)));
        Closing b = run.shared("limiter:k2", Closing.class, () -> new Closing("b", closed));
        assertNotSame(a, b);
        assertEquals(1, made.get());
        run.close();
        assertEquals(List.of("b", "a"), closed);
        IllegalStateException over = assertThrows(IllegalStateException.class,
                () -> run.shared("limiter:k1", Closing.class, () -> new Closing("late", closed)));
        assertTrue(over.getMessage().contains("the run is over"), over.getMessage());
    }

    @Test
    void thePlansOfOneRunInAProcessShareOneScopeClosedByTheLast() {
        // the Flink engine plans once per subtask: the subtasks of a run in one TaskManager share one rate limiter
        List<String> closed = new ArrayList<>();
        RunScope subtask1 = RunScope.join("run-42");
        RunScope subtask2 = RunScope.join("run-42");
        Closing limiter = subtask1.shared("limiter", Closing.class, () -> new Closing("limiter", closed));
        assertSame(limiter, subtask2.shared("limiter", Closing.class, () -> new Closing("second", closed)));
        subtask1.close();
        assertEquals(List.of(), closed, "still used by the other subtask");
        assertSame(limiter, subtask2.shared("limiter", Closing.class, () -> new Closing("third", closed)));
        subtask2.close();
        assertEquals(List.of("limiter"), closed);
        RunScope rerun = RunScope.join("run-42"); // a later run with the id would start afresh
        assertNotSame(limiter, rerun.shared("limiter", Closing.class, () -> new Closing("fresh", closed)));
        rerun.close();
    }

    @Test
    void twoRunsShareNothing() {
        try (RunScope first = RunScope.join("run-1"); RunScope second = RunScope.join("run-2")) {
            assertNotSame(first.shared("k", StringBuilder.class, StringBuilder::new),
                    second.shared("k", StringBuilder.class, StringBuilder::new));
        }
    }

    @Test
    void aKeyHoldsOneTypeAndTheErrorSaysSo() {
        RunScope run = new RunScope();
        run.shared("k", StringBuilder.class, StringBuilder::new);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run.shared("k", ArrayList.class, ArrayList::new));
        assertTrue(e.getMessage().contains("java.lang.StringBuilder") && e.getMessage().contains("one type per key"),
                e.getMessage());
    }
}
