package io.vectorsync.reader.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class StreamReaderTest {
    private static final StreamReaderFactory FACTORY = new StreamReaderFactory();

    private static Map<String, Object> dataxColumns(Object sliceRecordCount) {
        return Map.of("column", List.of(
                        Map.of("type", "long", "value", 42),
                        Map.of("type", "string", "value", "hello", "name", "greeting"),
                        Map.of("type", "double", "value", "1.5"),
                        Map.of("type", "date", "value", "2026-11-24 10:00:00"),
                        Map.of("type", "bool", "value", "true"),
                        Map.of("type", "bytes", "value", "a long text"),
                        Map.of("type", "date", "value", "1989/06/04", "dateFormat", "yyyy/MM/dd")),
                "sliceRecordCount", sliceRecordCount);
    }

    @Test
    void emitsSliceRecordCountRecordsPerStreamWithTheConstantValues() throws Exception {
        PluginHarness.ReadResult result = PluginHarness.read(FACTORY, dataxColumns("10000"), 3);

        assertEquals(3, result.splits().size());
        for (var split : result.splits()) {
            assertEquals(10_000, split.estimatedRecords());
        }
        assertEquals(30_000, result.records().size());
        Schema schema = result.schema();
        assertEquals(List.of("col0", "greeting", "col2", "col3", "col4", "col5", "col6"), schema.names());
        assertEquals(List.of(DataType.INT64, DataType.STRING, DataType.FLOAT64, DataType.TIMESTAMP,
                        DataType.BOOLEAN, DataType.BYTES, DataType.TIMESTAMP),
                schema.fields().stream().map(f -> f.type()).toList());
        ZoneId zone = ZoneId.systemDefault();
        for (Row r : List.of(result.records().get(0), result.records().get(29_999))) {
            assertEquals(42L, r.get(0));
            assertEquals("hello", r.get("greeting"));
            assertEquals(1.5, r.get(2));
            assertEquals(LocalDateTime.of(2026, 11, 24, 10, 0).atZone(zone).toInstant(), r.get(3));
            assertEquals(Boolean.TRUE, r.get(4));
            assertArrayEquals("a long text".getBytes(StandardCharsets.UTF_8), (byte[]) r.get(5));
            assertEquals(LocalDate.of(1989, 6, 4).atStartOfDay(zone).toInstant(), r.get(6));
        }
        assertTrue(result.context().dirty().isEmpty());
    }

    @Test
    void decodedSplitsReadTheSameRowsInAnotherReader() throws Exception {
        PluginHarness.ReadResult direct = PluginHarness.read(FACTORY, dataxColumns("700"), 3);
        PluginHarness.ReadResult decoded = PluginHarness.readThroughCodec(FACTORY, dataxColumns("700"), 3);
        assertEquals(direct.splits(), decoded.splits());
        assertEquals(2_100, decoded.records().size());
        assertEquals(direct.records(), decoded.records());
    }

    @Test
    void oneSplitWhenParallelismIsOneAndChunksOfAtMost4096() throws Exception {
        Map<String, Object> params = dataxColumns(10_000);
        TestPluginContext ctx = new TestPluginContext("Reader", 1);
        try (Reader reader = FACTORY.create(PluginHarness.bind(FACTORY, params), ctx)) {
            var splits = reader.planSplits(1);
            assertEquals(1, splits.size());
            List<Integer> chunkSizes = new ArrayList<>();
            List<Row> seen = new ArrayList<>();
            try (SplitReader sr = reader.open(splits.get(0))) {
                PollStatus status;
                do {
                    int before = seen.size();
                    status = sr.poll(seen::add);
                    chunkSizes.add(seen.size() - before);
                } while (status != PollStatus.END);
            }
            assertEquals(List.of(4096, 4096, 1808), chunkSizes);
            // the same immutable instance every time: no per-record allocation
            assertSame(seen.get(0), seen.get(9_999));
        }
    }

    @Test
    void stopsWhenTheJobAsksTo() throws Exception {
        TestPluginContext ctx = new TestPluginContext("Reader", 1);
        try (Reader reader = FACTORY.create(PluginHarness.bind(FACTORY, dataxColumns(1_000_000)), ctx)) {
            try (SplitReader sr = reader.open(reader.planSplits(1).get(0))) {
                int[] count = {0};
                assertEquals(PollStatus.MORE, sr.poll(r -> count[0]++));
                ctx.requestStop();
                assertEquals(PollStatus.END, sr.poll(r -> count[0]++));
                assertEquals(4096, count[0]);
            }
        }
    }

    @Test
    void badColumnsFailWithTheColumnPathAndStep() {
        var bind = PluginHarness.bind(FACTORY, Map.of("sliceRecordCount", 1,
                "column", List.of(Map.of("type", "long", "value", 1), Map.of("type", "long", "value", "abc"))));
        PluginException e = assertThrows(PluginException.class,
                () -> FACTORY.create(bind, new TestPluginContext("MyReader")));
        assertTrue(e.getMessage().contains("\"column[1].value\""), e.getMessage());
        assertTrue(e.getMessage().contains("MyReader"), e.getMessage());

        var badType = PluginHarness.bind(FACTORY, Map.of("sliceRecordCount", 1,
                "column", List.of(Map.of("type", "vector", "value", 1))));
        e = assertThrows(PluginException.class, () -> FACTORY.create(badType, new TestPluginContext("r")));
        assertTrue(e.getMessage().contains("unsupported type \"vector\""), e.getMessage());

        var badDate = PluginHarness.bind(FACTORY, Map.of("sliceRecordCount", 1,
                "column", List.of(Map.of("type", "date", "value", "24.11.2026"))));
        e = assertThrows(PluginException.class, () -> FACTORY.create(badDate, new TestPluginContext("r")));
        assertTrue(e.getMessage().contains("yyyy-MM-dd HH:mm:ss"), e.getMessage());

        var noValue = PluginHarness.bind(FACTORY, Map.of("sliceRecordCount", 1,
                "column", List.of(Map.of("type", "string"))));
        e = assertThrows(PluginException.class, () -> FACTORY.create(noValue, new TestPluginContext("r")));
        assertTrue(e.getMessage().contains("\"column[0].value\": required"), e.getMessage());
    }

    @Test
    void sliceRecordCountIsRequiredAndPositive() {
        var issues = PluginHarness.validate(FACTORY, Map.of("column", List.of(Map.of("value", "x")),
                "sliceRecordCount", 0));
        assertEquals(1, issues.size());
        assertEquals("sliceRecordCount", issues.get(0).key());
        issues = PluginHarness.validate(FACTORY, Map.of("column", List.of(Map.of("value", "x"))));
        assertEquals("sliceRecordCount", issues.get(0).key());
    }

    @Test
    void typeDefaultsToStringAndNullValuesAreNull() throws Exception {
        Map<String, Object> nullValue = new java.util.HashMap<>();
        nullValue.put("type", "long");
        nullValue.put("value", null);
        var result = PluginHarness.read(FACTORY, Map.of("sliceRecordCount", 2,
                "column", List.of(Map.of("value", 7), nullValue)), 1);
        assertEquals(DataType.STRING, result.schema().field(0).type());
        assertEquals("7", result.records().get(1).get(0));
        assertEquals(null, result.records().get(1).get(1));
    }

    @Test
    void factoryIsFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(io.vectorsync.api.reader.ReaderFactory.class).stream()
                .anyMatch(p -> p.get().name().equals("stream")));
    }
}
