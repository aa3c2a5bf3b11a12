package io.vectorsync.core.datax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DataX's column functions, on the examples of DataX's transformer.md and its null rules. */
class DataxFunctionTest {
    private static Object apply(String name, List<String> paras, Object value, DataType type) {
        return DataxFunction.of(name, paras).apply(value, type);
    }

    private static Object str(String name, Object value, String... paras) {
        return apply(name, List.of(paras), value, DataType.STRING);
    }

    @Test
    void substr() {
        assertEquals("taxTe", str("dx_substr", "dataxTest", "2", "5"));
        assertEquals("Test", str("dx_substr", "dataxTest", "5", "10"));
        assertNull(str("dx_substr", null, "2", "5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> str("dx_substr", "abc", "4", "1"));
        assertEquals("dx_substr startIndex(4) out of range(3)", e.getMessage());
        assertEquals("1989", apply("dx_substr", List.of("0", "4"), 19890604L, DataType.INT64));
    }

    @Test
    void pad() {
        assertEquals("Axyz", str("dx_pad", "xyz", "l", "4", "A"));
        assertEquals("xyzz", str("dx_pad", "xyzzzzz", "l", "4", "A"));
        assertEquals("xyzA", str("dx_pad", "xyz", "r", "4", "A"));
        assertEquals("xyzz", str("dx_pad", "xyzzzzz", "r", "4", "A"));
        assertEquals("AAAA", str("dx_pad", null, "l", "4", "A"));
        assertEquals("121x", str("dx_pad", "x", "l", "4", "12"));
    }

    @Test
    void replace() {
        assertEquals("da****est", str("dx_replace", "dataxTest", "2", "4", "****"));
        assertEquals("datax****", str("dx_replace", "dataxTest", "5", "10", "****"));
        assertNull(str("dx_replace", null, "2", "4", "****"));
    }

    @Test
    void digest() {
        assertEquals("9CDFFC4FA4E45A99DB8BBCD762ACFFA2", str("dx_digest", "xyzzzzz", "md5", "toUpperCase"));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", str("dx_digest", null, "sha1", "toLowerCase"));
    }

    @Test
    void filterDropsTheRowWhenTheConditionHolds() {
        Object f = DataxFunction.FILTERED;
        assertSame(f, str("dx_filter", "dataTest", "like", "data.*"));
        assertEquals("other", str("dx_filter", "other", "like", "data.*"));
        assertSame(f, str("dx_filter", "other", "not like", "data.*"));
        assertSame(f, apply("dx_filter", List.of(">=", "10"), 10L, DataType.INT64));
        assertEquals(9L, apply("dx_filter", List.of(">=", "10"), 9L, DataType.INT64));
        assertSame(f, apply("dx_filter", List.of("<", "0.5"), 0.25, DataType.FLOAT64));
        assertSame(f, apply("dx_filter", List.of("=", "b"), "b", DataType.STRING));
        assertSame(f, apply("dx_filter", List.of("!=", "b"), "c", DataType.STRING));
        // nulls as DataX: no comparison, "= null" and "!= anything but null" drop, like keeps, not like drops
        assertNull(apply("dx_filter", List.of(">", "1"), null, DataType.INT64));
        assertSame(f, apply("dx_filter", List.of("=", "null"), null, DataType.INT64));
        assertNull(apply("dx_filter", List.of("=", "1"), null, DataType.INT64));
        assertSame(f, apply("dx_filter", List.of("!=", "1"), null, DataType.INT64));
        assertNull(apply("dx_filter", List.of("like", ".*"), null, DataType.STRING));
        assertSame(f, apply("dx_filter", List.of("not like", ".*"), null, DataType.STRING));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> apply("dx_filter", List.of(">", "ten"), 3L, DataType.INT64));
        assertTrue(e.getMessage().contains("\"ten\" is not a number"), e.getMessage());
    }

    @Test
    void badParasAreConfigErrors() {
        PluginException e = assertThrows(PluginException.class, () -> DataxFunction.of("dx_substr", List.of("1")));
        assertTrue(e.getMessage().contains("must hold 2 values (startIndex, length), holds 1"), e.getMessage());
        e = assertThrows(PluginException.class, () -> DataxFunction.of("dx_pad", List.of("m", "4", "A")));
        assertTrue(e.getMessage().contains("must be \"l\" or \"r\""), e.getMessage());
        e = assertThrows(PluginException.class, () -> DataxFunction.of("dx_filter", List.of("~", "1")));
        assertTrue(e.getMessage().contains("unknown operator \"~\""), e.getMessage());
        e = assertThrows(PluginException.class, () -> DataxFunction.of("dx_digest", List.of("sha256", "toUpperCase")));
        assertTrue(e.getMessage().contains("md5 or sha1"), e.getMessage());
        e = assertThrows(PluginException.class, () -> DataxFunction.of("dx_replace", List.of("x", "1", "*")));
        assertTrue(e.getMessage().contains("paras[0] must be a whole number"), e.getMessage());
    }
}
