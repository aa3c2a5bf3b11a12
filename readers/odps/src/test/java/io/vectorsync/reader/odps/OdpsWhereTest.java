package io.vectorsync.reader.odps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.odps.OdpsType;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.Split;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code enableWhere}/{@code where} through SQL instances and the instance tunnel, and the tunnelQuota fallback. */
class OdpsWhereTest {
    @AutoClose
    private static FakeTunnelServer fake;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeTunnelServer();
        fake.addTestTable();
        fake.addRangeTable("big", 2500, FakeTunnelServer.col("id", OdpsType.BIGINT),
                FakeTunnelServer.col("body", OdpsType.STRING));
    }

    @BeforeEach
    void reset() {
        fake.requests.clear();
        fake.instances.clear();
        fake.unavailableQuotas.clear();
        fake.runningPolls = 2;
    }

    private static Map<String, Object> params(Object... kv) {
        return fake.params(kv);
    }

    private List<String> requests(String prefix) {
        return fake.requests.stream().filter(r -> r.startsWith(prefix)).toList();
    }

    @Test
    void whereRunsAsASqlInstanceAndItsResultIsReadInRecordRanges() throws Exception {
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), params("table", "big", "enableWhere",
                true, "where", "id >= 1000 AND id < 2000", "column",
                List.of(Map.of("name", "id", "type", "long"), "body", "'c'")), 4);
        assertEquals(LongStream.range(1000, 2000).boxed().toList(), r.records().stream().map(x -> x.get(0)).toList());
        assertEquals("text 1500", r.records().get(500).get(1));
        assertEquals("c", r.records().get(500).get(2));
        assertEquals(4, r.splits().size());
        assertEquals(1, fake.instances.size());
        var instance = fake.instances.entrySet().iterator().next();
        assertEquals("SELECT `id`, `body` FROM `demo`.`big` WHERE (id >= 1000 AND id < 2000);", instance.getValue().sql);
        OdpsSplit first = (OdpsSplit) r.splits().get(0);
        assertEquals(instance.getKey(), first.instanceId());
        assertTrue(first.id().startsWith("query " + instance.getKey()), first.id());
        assertTrue(requests("GET /api/projects/demo/instances/" + instance.getKey()).size() >= 2, "status was polled");
        assertEquals(1, requests("POST /projects/demo/instances/" + instance.getKey() + "?downloads").size());
        assertEquals(4, fake.requests.stream().filter(q -> q.startsWith("GET /projects/demo/instances/")
                && q.contains("data") && q.contains("rowrange")).count(), fake.requests.toString());
    }

    @Test
    void partitionsBecomeAPredicateBesideWhere() throws Exception {
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), params("table", "test_tb",
                "partition", List.of("split=*"), "enableWhere", true, "where", "id > 1",
                "column", List.of("sentence", "split")), 2);
        assertEquals(List.of("你好|dev", "train row|train"), r.records().stream().map(x -> x.get(0) + "|" + x.get(1))
                .toList());
        String sql = fake.instances.values().iterator().next().sql;
        assertEquals("SELECT `sentence`, `split` FROM `demo`.`test_tb` WHERE ((`split` = 'dev') OR (`split` = 'train'))"
                + " AND (id > 1);", sql);
    }

    @Test
    void functionsInColumnAreEvaluatedByTheQuery() throws Exception {
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), params("table", "test_tb",
                "partition", "split=dev", "enableWhere", true, "where", "id >= 1", "column", List.of("id",
                        "upper(sentence) AS shout", Map.of("name", "length(sentence)", "type", "long"))), 1);
        assertEquals(List.of("id", "shout", "_c2"), r.schema().names());
        assertEquals(List.of("1|HELLO WORLD|11", "2|你好|2"), r.records().stream()
                .map(x -> x.get(0) + "|" + x.get(1) + "|" + x.get(2)).toList());
        assertEquals("SELECT `id`, upper(sentence) AS `shout`, length(sentence) AS `_c2` FROM `demo`.`test_tb` WHERE "
                + "(`split` = 'dev') AND (id >= 1);", fake.instances.values().iterator().next().sql);
        // without enableWhere an expression is refused, saying what would run it
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.read(new OdpsReaderFactory(),
                params("table", "test_tb", "partition", "split=dev", "column", List.of("upper(sentence)")), 1));
        assertTrue(e.getMessage().contains("only with enableWhere"), e.getMessage());
    }

    @Test
    void starSelectsEveryColumnOfTheResult() throws Exception {
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), params("table", "test_tb",
                "partition", "split=dev", "enableWhere", true, "where", "sentence = 'hello world'", "column",
                List.of("*")), 1);
        assertEquals(List.of("sentence", "id", "split"), r.schema().names());
        assertEquals(List.of("hello world", 1L, "dev"), List.of(r.records().get(0).get(0), r.records().get(0).get(1),
                r.records().get(0).get(2)));
        assertEquals(1, r.records().size());
    }

    @Test
    void splitsReopenTheQueryResultElsewhereWithoutRunningItAgain() throws Exception {
        PluginHarness.ReadResult r = PluginHarness.readThroughCodec(new OdpsReaderFactory(), params("table", "big",
                "enableWhere", true, "where", "id < 700", "column", List.of(Map.of("name", "id", "type", "long")),
                "splitRecords", 250), 1);
        assertEquals(LongStream.range(0, 700).boxed().toList(), r.records().stream().map(x -> x.get(0)).toList());
        assertEquals(3, r.splits().size());
        assertEquals(1, fake.instances.size(), "the second reader re-opened the first one's result");
        assertTrue(fake.requests.stream().anyMatch(q -> q.startsWith("GET /projects/demo/instances/")
                && q.contains("downloadid") && !q.contains("data")), "the session was re-opened by id");
        OdpsSplitCodec codec = new OdpsSplitCodec();
        Split s = r.splits().get(1);
        assertEquals(s, codec.decode(3, codec.encode(s)));
        // version 2 splits (before the instance id) still decode as table splits
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF("demo.big");
            out.writeUTF("sess");
            out.writeUTF("");
            out.writeLong(0);
            out.writeLong(5);
        }
        assertEquals(new OdpsSplit("demo.big", "sess", "", "", 0, 5), codec.decode(2, bytes.toByteArray()));
    }

    @Test
    void aBadWhereFailsWithMaxComputesMessage() {
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.read(new OdpsReaderFactory(),
                params("table", "big", "enableWhere", true, "where", "idd > 3", "column", List.of("id")), 1));
        assertEquals(OdpsErrorCode.QUERY_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains("ODPS-0130071") && e.getMessage().contains("column idd cannot be resolved")
                && e.getMessage().contains("check \"where\""), e.getMessage());
        assertFalse(e.getMessage().contains("odps-secret-key"));
        e = assertThrows(PluginException.class, () -> PluginHarness.read(new OdpsReaderFactory(),
                params("table", "big", "enableWhere", true, "where", "id >> 3", "column", List.of("id")), 1));
        assertTrue(e.getMessage().contains("ODPS-0130161") && e.getMessage().contains("Parse exception"),
                e.getMessage());
    }

    @Test
    void aStopWhileTheQueryRunsStopsTheInstance() {
        fake.runningPolls = 1_000_000;
        TestPluginContext ctx = new TestPluginContext("Reader", 1);
        ctx.requestStop();
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.read(new OdpsReaderFactory(),
                params("table", "big", "enableWhere", true, "where", "id > 3", "column", List.of("id")), ctx));
        assertEquals(CommonErrorCode.CANCELLED, e.errorCode());
        assertTrue(fake.instances.values().iterator().next().stopped, "the instance was stopped");
        assertEquals(1, requests("PUT /api/projects/demo/instances/").size());
    }

    @Test
    void anInterruptWhileTheQueryRunsCancels() throws Exception {
        fake.runningPolls = 1_000_000;
        PluginException[] caught = new PluginException[1];
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                PluginHarness.read(new OdpsReaderFactory(), params("table", "big", "enableWhere", true, "where",
                        "id > 3", "column", List.of("id")), 1);
            } catch (PluginException e) {
                caught[0] = e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        t.join();
        assertEquals(CommonErrorCode.CANCELLED, caught[0].errorCode(), String.valueOf(caught[0]));
    }

    @Test
    void anUnavailableExclusiveQuotaFallsBackToTheSharedQuota() throws Exception {
        fake.unavailableQuotas.add("ot_lapsed");
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), params("table", "big",
                "tunnelQuota", "ot_lapsed", "enableWhere", true, "where", "id < 10", "column", List.of("id")), 1);
        assertEquals(10, r.records().size());
        List<String> tunnel = fake.requests.stream().filter(q -> q.startsWith("POST /projects/")).toList();
        assertTrue(tunnel.get(0).contains("quotaName=ot_lapsed"), tunnel.toString());
        assertFalse(tunnel.get(tunnel.size() - 1).contains("quotaName"), tunnel.toString());
        assertFalse(fake.requests.stream().anyMatch(q -> q.contains("data") && q.contains("quotaName")));

        // table tunnel, and a quota that lapses after planning: the downloads go on on the shared quota
        fake.requests.clear();
        OdpsReaderFactory factory = new OdpsReaderFactory();
        fake.unavailableQuotas.clear();
        try (var reader = factory.create(PluginHarness.bind(factory, params("table", "big", "tunnelQuota", "ot_mine",
                "column", List.of(Map.of("name", "id", "type", "long")))), new TestPluginContext("r", 2))) {
            reader.schema();
            List<? extends Split> splits = reader.planSplits(2);
            assertTrue(fake.requests.get(0).contains("quotaName=ot_mine"), fake.requests.toString());
            fake.unavailableQuotas.add("ot_mine");
            List<Object> ids = new ArrayList<>();
            for (Split s : splits) {
                PluginHarness.readSplit(reader, s).forEach(x -> ids.add(x.get(0)));
            }
            assertEquals(LongStream.range(0, 2500).boxed().toList(), ids);
        }
    }
}
