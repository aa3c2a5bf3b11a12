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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OdpsReaderTest {
    private static final String SECRET = "odps-secret-key";
    private static FakeTunnelServer fake;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeTunnelServer();
        Map<String, List<Object[]>> tb = FakeTunnelServer.parts();
        tb.put("split=dev", List.<Object[]>of(new Object[] {"hello world", 1L}, new Object[] {"你好", 2L}));
        tb.put("split=train", List.<Object[]>of(new Object[] {"train row", 3L}));
        fake.tables.put("test_tb", new FakeTunnelServer.FakeTable(List.of(FakeTunnelServer.col("sentence", OdpsType.STRING),
                FakeTunnelServer.col("id", OdpsType.BIGINT)), List.of("split"), tb));
        Map<String, List<Object[]>> big = FakeTunnelServer.parts();
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 2500; i++) {
            rows.add(new Object[] {i, "text " + i, i * 0.5, i % 2 == 0});
        }
        big.put("", rows);
        fake.tables.put("big", new FakeTunnelServer.FakeTable(List.of(FakeTunnelServer.col("id", OdpsType.BIGINT),
                FakeTunnelServer.col("body", OdpsType.STRING), FakeTunnelServer.col("score", OdpsType.DOUBLE),
                FakeTunnelServer.col("flag", OdpsType.BOOLEAN)), List.of(), big));
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", fake.base() + "/api");
        p.put("tunnelEndpoint", fake.base());
        p.put("project", "demo");
        p.put("accessId", "LTAIodps");
        p.put("accessKey", SECRET);
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
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
    void clearErrorsForTableColumnsPartitionsAndWhere() {
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
                params("table", "big", "column", List.of("id"), "enableWhere", true, "where", "id > 3"), 1));
        assertTrue(e.getMessage().startsWith("\"enableWhere\""), e.getMessage());
    }
}
