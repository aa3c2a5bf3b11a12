package io.vectorsync.transformer.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the adaptive limiter reads the service's quota from. */
class SendWindowTest {
    private static final long MS = 1_000_000L;

    @Test
    void theQuotaIsTheMostAcceptedSendsInOneSecondAroundTheThrottledOne() {
        SendWindow w = new SendWindow();
        // a cold start: 24 calls leave within 230 ms, 8 at a time; the service took 20 of them, but not in the
        // order they left: the throttled call at 100 ms arrived after calls sent later
        for (int i = 0; i < 24; i++) {
            w.sent((long) i * 10 * MS);
        }
        w.throttled(100 * MS);
        w.throttled(210 * MS);
        w.throttled(220 * MS);
        w.throttled(230 * MS);
        assertEquals(10, w.acceptedBefore(100 * MS), "the second before it holds only half the story");
        assertEquals(20, w.mostAcceptedInASecond(100 * MS, 600 * MS));
    }

    @Test
    void aSecondIsHalfOpenAndThrottledSendsDoNotCount() {
        SendWindow w = new SendWindow();
        for (int i = 0; i <= 20; i++) {
            w.sent(i * 50 * MS); // 0 .. 1000 ms: 21 sends, 20 in any second
        }
        assertEquals(20, w.mostAcceptedInASecond(1000 * MS, 1000 * MS));
        w.throttled(500 * MS);
        assertEquals(19, w.mostAcceptedInASecond(1000 * MS, 1000 * MS));
        assertEquals(1000 * MS + 50 * MS, w.roomAfter(1001 * MS), "room once the oldest accepted one in the window leaves");
    }
}
