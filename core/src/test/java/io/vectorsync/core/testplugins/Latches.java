package io.vectorsync.core.testplugins;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** Named one-shot latches shared by a test and the fixture plugins it runs, to order events without sleeping. */
public final class Latches {
    private static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();

    private Latches() {
    }

    public static CountDownLatch get(String name) {
        return LATCHES.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    /** Waits for {@code name} even when interrupted (as a plugin call that ignores interrupts would); keeps the flag. */
    static void awaitIgnoringInterrupts(String name) {
        boolean interrupted = false;
        while (true) {
            try {
                get(name).await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
