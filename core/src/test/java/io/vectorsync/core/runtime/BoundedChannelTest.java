package io.vectorsync.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.core.runtime.BoundedChannel.Batch;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BoundedChannelTest {
    private static final Schema S = Schema.builder().field("s", DataType.STRING).build();

    private static Batch batch(int records, long bytes) {
        return new Batch(Collections.nCopies(records, Row.of(S, "x")), bytes);
    }

    @Test
    void aFullChannelBlocksTheProducerUntilTheConsumerTakes() throws Exception {
        JobControl control = new JobControl();
        BoundedChannel channel = new BoundedChannel(10, 1_000_000, control);
        channel.put(batch(6, 10));
        AtomicBoolean putDone = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            started.countDown();
            try {
                channel.put(batch(6, 10)); // 12 > 10 records: must wait
                putDone.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        started.await();
        Thread.sleep(300);
        assertFalse(putDone.get(), "the producer should wait while the channel is full");
        assertEquals(6, channel.take().records().size());
        producer.join(5_000);
        assertTrue(putDone.get());
    }

    @Test
    void bytesBoundTooAndAnOversizedBatchPassesAnEmptyChannel() throws Exception {
        BoundedChannel channel = new BoundedChannel(1000, 100, new JobControl());
        channel.put(batch(1, 500)); // larger than the bound, but the channel was empty
        Thread producer = new Thread(() -> {
            try {
                channel.put(batch(1, 50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        producer.join(300);
        assertTrue(producer.isAlive(), "500 + 50 bytes exceed the 100-byte bound");
        channel.take();
        producer.join(5_000);
        assertFalse(producer.isAlive());
    }

    @Test
    void closeIsTheEndOfInputAfterTheLastBatch() throws Exception {
        BoundedChannel channel = new BoundedChannel(10, 100, new JobControl());
        channel.put(batch(1, 1));
        channel.close();
        assertEquals(1, channel.take().records().size());
        assertNull(channel.take());
    }

    @Test
    void abortIsNeverMistakenForTheEndOfInputEvenWithBatchesLeft() throws Exception {
        BoundedChannel channel = new BoundedChannel(10, 100, new JobControl());
        channel.put(batch(1, 1));
        channel.abort();
        assertThrows(JobStoppedException.class, channel::take);
        assertThrows(JobStoppedException.class, () -> channel.put(batch(1, 1)));
    }

    @Test
    void aStopElsewhereWakesAWaitingConsumerWithStoppedNotEnded() throws Exception {
        JobControl control = new JobControl();
        BoundedChannel stuck = new BoundedChannel(10, 100, control);
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                waiting.countDown();
                outcome.set(stuck.take() == null ? "ended" : "batch");
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        consumer.start();
        waiting.await();
        control.fail(new RuntimeException("boom"));
        consumer.join(30_000);
        assertInstanceOf(JobStoppedException.class, outcome.get());
        assertThrows(JobStoppedException.class, () -> stuck.put(new Batch(List.of(), 0)));
    }
}
