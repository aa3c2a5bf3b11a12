package io.vectorsync.writer.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lost replies, idempotence and abort, against the in-process gRPC Milvus. */
class MilvusWriteSafetyTest extends FakeMilvusServerTest {

    private Map<String, Object> params(String collection, String writeMode) {
        return MilvusWriterTest.params(server.uri(), collection, "ignore", writeMode);
    }

    @Test
    void anInsertWhoseReplyWasLostIsNotRetriedAndTheErrorSaysWhy() {
        for (io.milvus.shaded.io.grpc.Status status : List.of(io.milvus.shaded.io.grpc.Status.DEADLINE_EXCEEDED,
                io.milvus.shaded.io.grpc.Status.UNAVAILABLE)) {
            server.reset();
            server.addCollection("lost", MilvusWriterTest.existing("lost", 4, true, false));
            server.lostReplyStatus = status;
            server.applyThenFailNext.set(1);
            Schema s = MilvusWriterTest.schema(4);
            PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(factory,
                    params("lost", "insert"), s, MilvusWriterTest.records(s, 6, 4), 10, new TestPluginContext("Writer")));
            assertEquals(MilvusErrorCode.INSERT_OUTCOME_UNKNOWN, e.errorCode());
            assertTrue(e.getMessage().contains("may have been applied"), e.getMessage());
            assertTrue(e.getMessage().contains("writeMode upsert"), e.getMessage());
            assertTrue(e.getMessage().contains(status.getCode().name()), e.getMessage());
            assertEquals(1, server.callNames().stream().filter("Insert"::equals).count(), "sent once, never again");
            assertEquals(6, server.rows("lost").size(), "exactly one copy of each row");
        }
    }

    @Test
    void anUpsertWhoseReplyWasLostIsRetriedAndReplacesByKey() throws Exception {
        server.addCollection("up", MilvusWriterTest.existing("up", 4, false, false));
        server.applyThenFailNext.set(1);
        Schema s = MilvusWriterTest.schema(4);
        TestPluginContext ctx = new TestPluginContext("Writer");
        PluginHarness.write(factory, params("up", "upsert"), s, MilvusWriterTest.records(s, 6, 4), 10, ctx);
        assertEquals(2, server.callNames().stream().filter("Upsert"::equals).count(), "the lost upsert is sent again");
        assertEquals(6, ctx.counter("rowsWritten"));
        // both copies carry the same keys, so Milvus keeps one row per key
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 0L, 1L, 2L, 3L, 4L, 5L),
                server.rows("up").stream().map(r -> r.get("id")).toList());
    }

    @Test
    void idempotenceFollowsWriteModeAndTheCollectionsAutoId() throws Exception {
        Schema s = MilvusWriterTest.schema(4);
        server.addCollection("keyed", MilvusWriterTest.existing("keyed", 4, false, false));
        server.addCollection("auto", MilvusWriterTest.existing("auto", 4, true, false));
        Idempotence insert = idempotence(params("keyed", "insert"), s);
        assertFalse(insert.idempotent());
        assertTrue(insert.explanation().contains("set writeMode upsert with a primary key"), insert.explanation());
        assertTrue(idempotence(params("keyed", "upsert"), s).idempotent());
        Idempotence auto = idempotence(params("auto", "upsert"), s);
        assertFalse(auto.idempotent());
        assertTrue(auto.explanation().contains("autoId"), auto.explanation());
        // before connecting, from the column definitions the collection would be created with
        Map<String, Object> create = MilvusWriterTest.params(server.uri(), "new", "createIfNotExist", "upsert");
        Writer w = factory.create(PluginHarness.bind(factory, create), new TestPluginContext("W"));
        assertTrue(w.idempotence().idempotent(), w.idempotence().explanation());
    }

    private Idempotence idempotence(Map<String, Object> p, Schema s) throws Exception {
        try (Writer w = factory.create(PluginHarness.bind(factory, p), new TestPluginContext("W"))) {
            w.bind(s);
            w.check();
            return w.idempotence();
        }
    }

    @Test
    void abortDropsTheBufferedRowsAndSkipsTheFlush() throws Exception {
        server.addCollection("ab", MilvusWriterTest.existing("ab", 4, false, false));
        Schema s = MilvusWriterTest.schema(4);
        Map<String, Object> p = params("ab", "upsert");
        p.put("batchSize", 4);
        try (Writer w = factory.create(PluginHarness.bind(factory, p), new TestPluginContext("W"))) {
            w.bind(s);
            w.check();
            w.prepare();
            try (WriterTask t = w.openTask(0)) {
                List<Row> rows = MilvusWriterTest.records(s, 6, 4);
                t.write(rows); // one batch of 4 is sent, 2 rows stay buffered
                t.abort(new RuntimeException("cancelled"));
                t.write(rows.subList(0, 1));
            }
            w.abort(new RuntimeException("cancelled"));
        }
        assertEquals(List.of(0L, 1L, 2L, 3L), server.rows("ab").stream().map(r -> r.get("id")).toList());
        assertFalse(server.callNames().contains("Flush"));
    }
}
