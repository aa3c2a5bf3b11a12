package io.vectorsync.writer.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamWriterTest {
    private static final StreamWriterFactory FACTORY = new StreamWriterFactory();
    private static final Schema SCHEMA = Schema.builder()
            .field("id", DataType.INT64)
            .field("text", DataType.STRING)
            .field("vec", DataType.floatVector(10))
            .field("sparse", DataType.SPARSE_VECTOR)
            .field("raw", DataType.BYTES)
            .field("ts", DataType.TIMESTAMP)
            .build();

    @RegisterExtension
    final CapturedStdout captured = new CapturedStdout();

    private static List<Row> records(int n) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[10];
            for (int d = 0; d < 10; d++) {
                v[d] = i + d / 10f;
            }
            out.add(Row.of(SCHEMA, (long) i, i == 1 ? null : "text " + i, v,
                    new SparseVector(new int[] {3, 24}, new float[] {0.5f, 0.25f}),
                    new byte[] {1, 2, 3}, Instant.parse("2026-11-24T10:00:00Z")));
        }
        return out;
    }

    @Test
    void printsOneTabSeparatedLinePerRecordWithFullVectors() throws Exception {
        PluginHarness.write(FACTORY, Map.of(), SCHEMA, records(3), 2, new TestPluginContext("Writer"));

        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertEquals("0\ttext 0\t[0.0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9]\t{\"indices\":[3,24],\"values\":[0.5,0.25]}"
                + "\tAQID\t2026-11-24T10:00:00Z", lines[0]);
        assertTrue(lines[1].startsWith("1\tnull\t[1.0,1.1,"), lines[1]);
        assertTrue(lines[2].startsWith("2\ttext 2\t"), lines[2]);
    }

    @Test
    void fieldDelimiterAndEncodingAreHonoured() throws Exception {
        Charset gbk = Charset.forName("GBK");
        Schema s = Schema.builder().field("a", DataType.STRING).field("b", DataType.INT64).build();
        PluginHarness.write(FACTORY, Map.of("fieldDelimiter", "|", "encoding", "GBK", "print", "true"), s,
                List.of(Row.of(s, "中文", 7L)), 10, new TestPluginContext("Writer"));
        assertEquals("中文|7\n", new String(captured.toByteArray(), gbk));
    }

    @Test
    void printFalseDiscardsEverything() throws Exception {
        PluginHarness.write(FACTORY, Map.of("print", false), SCHEMA, records(1000), 100, new TestPluginContext("W"));
        assertEquals(0, captured.size());
        try (Writer w = FACTORY.create(PluginHarness.bind(FACTORY, Map.of("print", "false")), new TestPluginContext("W"))) {
            assertSame(StreamWriter.DiscardTask.INSTANCE, w.openTask(0));
        }
    }

    @Test
    void badEncodingIsAConfigIssue() {
        var issues = PluginHarness.validate(FACTORY, Map.of("encoding", "NO-SUCH-CHARSET"));
        assertEquals(1, issues.size());
        assertEquals("encoding", issues.get(0).key());
    }

    @Test
    void printingOrDiscardingIsIdempotent() {
        for (boolean print : List.of(true, false)) {
            Writer w = FACTORY.create(PluginHarness.bind(FACTORY, Map.of("print", print)), new TestPluginContext("W"));
            assertTrue(w.idempotence().idempotent());
            assertTrue(w.idempotence().explanation().contains(print ? "printed" : "discarded"));
        }
    }
}
