package io.vectorsync.reader.odps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.odps.OdpsType;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.testkit.PluginHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OdpsReaderTest {
    private static final String SECRET = FakeTunnelServer.SECRET;
    @AutoClose
    private static FakeTunnelServer fake;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeTunnelServer();
        fake.addTestTable();
        fake.addRangeTable("big", 2500, FakeTunnelServer.col("id", OdpsType.BIGINT),
                FakeTunnelServer.col("body", OdpsType.STRING), FakeTunnelServer.col("score", OdpsType.DOUBLE),
                FakeTunnelServer.col("flag", OdpsType.BOOLEAN));
    }

    private static Map<String, Object> params(Object... kv) {
        return fake.params(kv);
    }

    @Test
    void seedStepReadsThePartition() throws Exception {
        Map<String, Object> p = params("partition", List.of("split=dev"), "successOnNoPartition", true,
                "tunnelQuota", "default", "column", List.of("sentence"), "enableWhere", false, "table", "test_tb");
        assertEquals(List.of(), PluginHarness.validate(new OdpsReaderFactory(), p));
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), p, 2);
        assertEquals(List.of("sentence"), r.schema().names());
        assertEquals(List.of("hello world", "你好"), r.records().stream().map(x -> x.get(0)).toList());
        assertTrue(fake.requests.stream().anyMatch(q -> q.startsWith("POST /projects/demo/tables/test_tb")
                && q.contains("downloads") && q.contains("partition=")), fake.requests.toString());
        assertFalse(fake.requests.stream().anyMatch(q -> q.contains("quotaName")), "default quota is not sent");
    }

    @Test
    void recordRangesCoverEveryRecordOnceWithTypes() throws Exception {
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), params("table", "big",
                "column", List.of(Map.of("name", "id", "type", "long"), "body", Map.of("name", "score", "type", "double"),
                        Map.of("name", "flag", "type", "boolean"), "'batch-1'")), 4);
        assertEquals(4, r.splits().size());
        assertEquals(List.of("id", "body", "score", "flag", "constant4"), r.schema().names());
        assertEquals(DataType.INT64, r.schema().field(0).type());
        List<Long> ids = r.records().stream().map(x -> (Long) x.get(0)).sorted().toList();
        assertEquals(2500, ids.size());
        for (int i = 0; i < 2500; i++) {
            assertEquals(i, ids.get(i));
        }
        assertEquals("text 7", r.records().get(7).get(1));
        assertEquals(3.5, r.records().get(7).get(2));
        assertEquals(false, r.records().get(7).get(3));
        assertEquals("batch-1", r.records().get(7).get(4));
        assertTrue(fake.requests.stream().anyMatch(q -> q.contains("rowrange=%28625%2C625%29")
                || q.contains("rowrange=(625,625)")), fake.requests.toString());
    }

    @Test
    void splitRecordsCapsTheRangesWhateverTheParallelism() throws Exception {
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), params("table", "big",
                "column", List.of(Map.of("name", "id", "type", "long")), "splitRecords", 300), 1);
        assertEquals(9, r.splits().size());
        assertEquals(java.util.stream.LongStream.range(0, 2500).boxed().toList(),
                r.records().stream().map(x -> x.get(0)).toList());
    }

    @Test
    void starReadsEveryColumnWithItsType() throws Exception {
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), params("table", "big", "column", List.of("*")), 1);
        assertEquals(List.of("id", "body", "score", "flag"), r.schema().names());
        assertEquals(DataType.BOOLEAN, r.schema().field(3).type());
        assertEquals(2500, r.records().size());
        assertEquals(2499L, r.records().get(2499).get(0));
    }

    @Test
    void wildcardPartitionsAndPartitionKeyColumn() throws Exception {
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), params("table", "test_tb",
                "partition", "split=*", "column", List.of("sentence", "split", Map.of("name", "id", "type", "string"))), 2);
        assertEquals(List.of("hello world|dev|1", "你好|dev|2", "train row|train|3"),
                r.records().stream().map(x -> x.get(0) + "|" + x.get(1) + "|" + x.get(2)).toList());
    }

    @Test
    void missingPartitionFailsOrSucceedsEmpty() throws Exception {
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.read(new OdpsReaderFactory(),
                params("table", "test_tb", "partition", List.of("split=test"), "column", List.of("sentence")), 1));
        assertEquals(OdpsErrorCode.PARTITION_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().contains("split=test") && e.getMessage().contains("successOnNoPartition"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        e = assertThrows(PluginException.class, () -> PluginHarness.read(new OdpsReaderFactory(),
                params("table", "test_tb", "partition", List.of("split=nope*"), "column", List.of("sentence")), 1));
        assertEquals(OdpsErrorCode.PARTITION_NOT_FOUND, e.errorCode());
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), params("table", "test_tb",
                "partition", List.of("split=test"), "successOnNoPartition", "true", "column", List.of("sentence")), 2);
        assertEquals(0, r.records().size());
        assertEquals(0, r.splits().size());
    }

    @Test
    void decodedSplitsReopenTheirSessionInAFreshReader() throws Exception {
        Map<String, Object> p = params("table", "test_tb", "partition", "split=*", "column",
                List.of("sentence", Map.of("name", "id", "type", "long")));
        PluginHarness.ReadResult direct = PluginHarness.read(new OdpsReaderFactory(), p, 3);
        fake.requests.clear();
        PluginHarness.ReadResult decoded = PluginHarness.readThroughCodec(new OdpsReaderFactory(), p, 3);
        assertEquals(direct.records(), decoded.records());
        assertEquals(3, decoded.records().size());
        // the planning reader opened one session per partition; the reading reader re-attached to them by id
        long created = fake.requests.stream().filter(q -> q.startsWith("POST") && q.contains("downloads")).count();
        assertEquals(2, created, fake.requests.toString());
        for (var split : decoded.splits()) {
            String id = ((OdpsSplit) split).sessionId();
            assertTrue(fake.requests.stream().anyMatch(q -> q.startsWith("GET") && q.contains("downloadid=" + id)
                    && !q.contains("data")), fake.requests.toString());
        }
    }

    @Test
    void plansOfTheSameInputHaveTheSameIdentityThoughTheirSessionsDiffer() throws Exception {
        Map<String, Object> p = params("table", "big", "column", List.of("id"));
        OdpsReaderFactory factory = new OdpsReaderFactory();
        try (var a = factory.create(PluginHarness.bind(factory, p), new io.vectorsync.testkit.TestPluginContext("r"));
             var b = factory.create(PluginHarness.bind(factory, p), new io.vectorsync.testkit.TestPluginContext("r"))) {
            var sa = a.planSplits(2);
            var sb = b.planSplits(2);
            assertEquals(2, sa.size());
            for (int i = 0; i < sa.size(); i++) {
                assertFalse(java.util.Arrays.equals(a.splitCodec().encode(sa.get(i)), b.splitCodec().encode(sb.get(i))));
                assertTrue(java.util.Arrays.equals(a.splitCodec().identity(sa.get(i)), b.splitCodec().identity(sb.get(i))));
            }
            var c = factory.create(PluginHarness.bind(factory, params("table", "big", "column", List.of("id"))),
                    new io.vectorsync.testkit.TestPluginContext("r"));
            assertFalse(java.util.Arrays.equals(a.splitCodec().identity(sa.get(0)), c.splitCodec().identity(c.planSplits(3).get(0))),
                    "other record ranges are another plan");
        }
    }

    @Test
    void anExpiredSessionIsNamedWithWhatToDo() throws Exception {
        Map<String, Object> p = params("table", "big", "column", List.of("id"));
        OdpsReaderFactory factory = new OdpsReaderFactory();
        try (var reader = factory.create(PluginHarness.bind(factory, p), new io.vectorsync.testkit.TestPluginContext("r"))) {
            var codec = reader.splitCodec();
            byte[] bytes = codec.encode(new OdpsSplit("demo.big", "gone-session", "", "", 0, 10));
            var split = codec.decode(codec.version(), bytes);
            PluginException e = assertThrows(PluginException.class, () -> PluginHarness.readSplit(reader, split));
            assertTrue(e.getMessage().contains("re-opening download session gone-session")
                    && e.getMessage().contains("expire after 24 hours"), e.getMessage());
            var other = codec.decode(codec.version(), codec.encode(new OdpsSplit("demo.other", "x", "", "", 0, 1)));
            e = assertThrows(PluginException.class, () -> reader.open(other));
            assertTrue(e.getMessage().contains("was planned on table demo.other"), e.getMessage());
        }
    }

    @Test
    void brokenDownloadsResumeWithoutLosingOrDoublingRecords() throws Exception {
        fake.failData.set(5);
        try {
            PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(),
                    params("table", "big", "column", List.of(Map.of("name", "id", "type", "long"))), 1);
            assertEquals(java.util.stream.LongStream.range(0, 2500).boxed().toList(),
                    r.records().stream().map(x -> x.get(0)).toList());
        } finally {
            fake.failData.set(0);
        }
    }

    @Test
    void aDownloadThatKeepsBreakingFailsAfterThreeRetriesAndAnInterruptedOneStopsAtOnce() throws Exception {
        OdpsReaderFactory factory = new OdpsReaderFactory();
        fake.cutEarly = true;
        fake.failData.set(1_000);
        try {
            var ctx = new io.vectorsync.testkit.TestPluginContext("r");
            PluginException e = assertThrows(PluginException.class,
                    () -> PluginHarness.read(factory, params("table", "big", "column", List.of("id")), ctx));
            assertTrue(e.getMessage().contains("(after 3 retries)"), e.getMessage());
            assertEquals(3, ctx.counter("retries"));

            var ctx2 = new io.vectorsync.testkit.TestPluginContext("r");
            try (var reader = factory.create(PluginHarness.bind(factory, params("table", "big", "column",
                    List.of("id"))), ctx2); var split = reader.open(reader.planSplits(1).get(0))) {
                Thread.currentThread().interrupt(); // as the core does when the job stops
                e = assertThrows(PluginException.class, () -> split.poll(row -> { }));
                assertTrue(Thread.interrupted(), "the interrupt status is kept");
                assertEquals(CommonErrorCode.CANCELLED, e.errorCode());
                assertTrue(e.getMessage().contains("interrupted while waiting to retry records 0-2499"), e.getMessage());
                assertEquals(1, ctx2.counter("retries"));
            }
        } finally {
            Thread.interrupted();
            fake.cutEarly = false;
            fake.failData.set(0);
        }
    }

    @Test
    void everyBadColumnIsReportedAtOnce() {
        OdpsReaderFactory factory = new OdpsReaderFactory();
        var issues = PluginHarness.validate(factory, params("table", "big", "column",
                List.of(Map.of("type", "long"), Map.of("name", "a", "type", "lnog"), true)));
        assertEquals(List.of("column[0].name", "column[1].type", "column[2]"),
                issues.stream().map(i -> i.key()).toList());
        PluginException e = assertThrows(PluginException.class, () -> factory.create(PluginHarness.bind(factory,
                params("table", "big", "column", List.of("id", "a b", "id", "*"))), new io.vectorsync.testkit.TestPluginContext("r")));
        assertEquals("\"column[1]\": \"a b\" is neither a column name nor a 'quoted' constant; functions and"
                + " expressions are evaluated by MaxCompute only with enableWhere (a SQL query); \"column[2]\": duplicate column"
                + " \"id\"; \"column[3]\": \"*\" must be the only entry", e.getMessage());
    }

    @Test
    void clearErrorsForTableColumnsPartitionsAndAnEmptyWhere() {
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.read(new OdpsReaderFactory(),
                params("table", "nope", "column", List.of("a")), 1));
        assertEquals(OdpsErrorCode.TABLE_NOT_FOUND, e.errorCode());
        e = assertThrows(PluginException.class, () -> PluginHarness.read(new OdpsReaderFactory(),
                params("table", "test_tb", "column", List.of("sentence")), 1));
        assertEquals(CommonErrorCode.CONFIG_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("set \"partition\""), e.getMessage());
        e = assertThrows(PluginException.class, () -> PluginHarness.read(new OdpsReaderFactory(),
                params("table", "big", "column", List.of("id", "missing")), 1));
        assertEquals(CommonErrorCode.COLUMN_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().contains("\"missing\"") && e.getMessage().contains("body"), e.getMessage());
        e = assertThrows(PluginException.class, () -> PluginHarness.read(new OdpsReaderFactory(),
                params("table", "big", "column", List.of("id"), "enableWhere", true, "where", " "), 1));
        assertTrue(e.getMessage().startsWith("\"where\""), e.getMessage());
    }
}
