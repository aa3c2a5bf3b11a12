package io.vectorsync.core.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120) // a safety net against a hang, not a speed check
class ThrottleTest {
    @Test
    void aStopEndsAWaitThatWouldLastMinutes() throws Exception {
        JobControl control = new JobControl();
        Throttle throttle = Throttle.of(0, 10); // 10 records/s
        throttle.acquire(1000, 0, control); // the first acquire passes and makes the next one wait 100 s
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            waiting.countDown();
            try {
                throttle.acquire(10, 0, control);
                ended.set(new AssertionError("the throttle let the batch through"));
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        reader.start();
        waiting.await();
        control.cancel("test");
        reader.join(30_000);
        assertFalse(reader.isAlive(), "the throttle still waits after the job stopped");
        assertInstanceOf(JobStoppedException.class, ended.get());
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() throws Exception {
        JobControl control = new JobControl();
        Throttle throttle = Throttle.of(0, 10);
        throttle.acquire(1000, 0, control);
        AtomicReference<Object> ended = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                throttle.acquire(10, 0, control);
                ended.set("passed");
            } catch (InterruptedException e) {
                ended.set(e);
            }
        });
        reader.start();
        reader.interrupt();
        reader.join(30_000);
        assertFalse(reader.isAlive());
        assertInstanceOf(InterruptedException.class, ended.get());
    }
}
