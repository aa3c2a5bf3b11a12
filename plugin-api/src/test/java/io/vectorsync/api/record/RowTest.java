package io.vectorsync.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTest {
    static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
            .field("vec", DataType.floatVector(3)).build();

    @Test
    void valuesAreReadByPositionAndName() {
        Row r = Row.of(SCHEMA, 1L, "a", new float[] {1, 2, 3});
        assertEquals(1L, r.get(0));
        assertEquals("a", r.get("text"));
        assertFalse(r.isNull(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.get("txt"));
        assertEquals("no field \"txt\"; available fields: [id, text, vec]", e.getMessage());
    }

    @Test
    void ofCopiesTheArrayAndWrapDoesNot() {
        Object[] values = {1L, "a", null};
        Row copied = Row.of(SCHEMA, values);
        Row wrapped = Row.wrap(SCHEMA, values);
        values[1] = "b";
        assertEquals("a", copied.get(1));
        assertEquals("b", wrapped.get(1));
        assertThrows(IllegalArgumentException.class, () -> Row.of(SCHEMA, 1L));
    }

    @Test
    void rowsCompareByContentIncludingVectors() {
        Row a = Row.of(SCHEMA, 1L, "a", new float[] {1, 2, 3});
        Row b = Row.of(SCHEMA, 1L, "a", new float[] {1, 2, 3});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Row.of(SCHEMA, 1L, "a", new float[] {1, 2, 4}));
        Schema other = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
                .field("v", DataType.floatVector(3)).build();
        assertNotEquals(a, Row.of(other, 1L, "a", new float[] {1, 2, 3}));
    }

    @Test
    void toBuilderLeavesTheOriginalUnchangedAndWidenKeepsPositions() {
        Row a = Row.of(SCHEMA, 1L, "a", null);
        Row b = a.toBuilder().set("text", "b").build();
        assertEquals("a", a.get(1));
        assertEquals("b", b.get(1));
        Schema wider = SCHEMA.toBuilder().field("extra", DataType.BOOLEAN).build();
        Row w = a.toBuilder().widen(wider).set(3, true).build();
        assertEquals(List.of(1L, "a", true), List.of(w.get(0), w.get(1), w.get(3)));
        assertNull(w.get(2));
        assertThrows(IllegalArgumentException.class, () -> w.toBuilder().widen(SCHEMA));
    }

    @Test
    void sizeCountsStringsVectorsAndOthers() {
        assertEquals(8 + 5 + 12, Row.of(SCHEMA, 1L, "hello", new float[3]).sizeInBytes());
        assertEquals(1 + 1 + 1, Row.of(SCHEMA, null, null, null).sizeInBytes());
    }

    @Test
    void toStringShortensLongVectors() {
        Schema s = Schema.builder().field("v", DataType.floatVector(10)).build();
        assertEquals("{v=[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, … (10 dims)]}", Row.of(s, new float[10]).toString());
    }

    @Test
    void schemaRefusesDuplicateAndEmptyNames() {
        assertThrows(IllegalArgumentException.class,
                () -> Schema.builder().field("a", DataType.STRING).field("a", DataType.INT64).build());
        assertThrows(IllegalArgumentException.class, () -> Field.of("", DataType.STRING));
        Schema s = SCHEMA.toBuilder().put(Field.of("text", DataType.JSON)).build();
        assertEquals(DataType.JSON, s.field(1).type());
        assertEquals(-1, s.indexOf("nope"));
        assertTrue(s.find("vec").isPresent());
        assertEquals("[id int64, text string, vec float_vector(3)]", SCHEMA.toString());
    }

    @Test
    void dataTypesParseJobSpellingsAndCompareByParameters() {
        assertEquals(DataType.INT64, DataType.parse(" BIGINT "));
        assertEquals(DataType.FLOAT64, DataType.parse("float"));
        assertEquals(DataType.TIMESTAMP, DataType.parse("datetime"));
        assertEquals(DataType.floatVector(4), DataType.floatVector(4));
        assertNotEquals(DataType.floatVector(4), DataType.floatVector(5));
        assertEquals("array<string>", DataType.array(DataType.STRING).toString());
        assertTrue(DataType.SPARSE_VECTOR.isVector());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataType.parse("lnog"));
        assertTrue(e.getMessage().startsWith("unknown type \"lnog\"; use one of boolean, long"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataType.floatVector(0));
    }

    @Test
    void displayStringsShowBytesAsBase64AndListsElementWise() {
        assertEquals("aGk=", Values.toDisplayString("hi".getBytes(), 8));
        assertEquals("[1, [0.5, … (2 dims)]]", Values.toDisplayString(List.of(1, new float[] {0.5f, 1}), 1));
        assertEquals("null", Values.toDisplayString(null, 8));
        assertEquals("1.50", Values.toDisplayString(new BigDecimal("1.50"), 8));
    }

    @Test
    void sparseVectorsNeedIncreasingIndicesAndMatchingLengths() {
        SparseVector v = new SparseVector(new int[] {1, 5}, new float[] {0.5f, 2f});
        assertEquals(2, v.size());
        assertEquals(5, v.index(1));
        assertEquals("{1:0.5, 5:2.0}", v.toString());
        assertEquals(v, new SparseVector(new int[] {1, 5}, new float[] {0.5f, 2f}));
        int[] indices = v.indices();
        indices[0] = 99;
        assertEquals(1, v.index(0));
        assertThrows(IllegalArgumentException.class, () -> new SparseVector(new int[] {2, 2}, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> new SparseVector(new int[] {1}, new float[2]));
    }
}
