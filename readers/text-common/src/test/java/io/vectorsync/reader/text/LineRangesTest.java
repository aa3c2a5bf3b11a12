package io.vectorsync.reader.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineRangesTest {
    private static LineRanges.Opener over(byte[] bytes) {
        return offset -> new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
    }

    /** The text of each range, so a test reads which lines landed where. */
    private static List<String> pieces(String text, long splitSize, int quote) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        long expectedStart = 0;
        for (long[] r : LineRanges.cut(over(bytes), bytes.length, splitSize, quote)) {
            assertEquals(expectedStart, r[0], "ranges are contiguous");
            out.add(new String(bytes, (int) r[0], (int) (r[1] - r[0]), StandardCharsets.UTF_8));
            expectedStart = r[1];
        }
        assertEquals(bytes.length, expectedStart, "ranges cover the whole file");
        return out;
    }

    @Test
    void aSmallFileIsOneRange() throws Exception {
        assertEquals(List.of("a\nb\n"), pieces("a\nb\n", 100, -1));
    }

    @Test
    void rangesStartAtLineStarts() throws Exception {
        assertEquals(List.of("aaaa\n", "bb\ncc\n", "dddd\n", "e"), pieces("aaaa\nbb\ncc\ndddd\ne", 4, -1));
    }

    @Test
    void aLineBreakRightBeforeTheTargetStartsTheNextRange() throws Exception {
        // target 4 is the byte after the first '\n': the line starting there begins the second range
        assertEquals(List.of("abc\n", "def\n"), pieces("abc\ndef\n", 4, -1));
    }

    @Test
    void aCsvLineBreakInsideQuotesIsNotARangeStart() throws Exception {
        String csv = "1,\"x\ny\"\n2,\"\"\"q\"\"\"\n3,z\n";
        assertEquals(List.of("1,\"x\ny\"\n", "2,\"\"\"q\"\"\"\n", "3,z\n"), pieces(csv, 3, '"'));
        // as plain text the quoted break would start a range
        assertEquals("1,\"x\n", pieces(csv, 3, -1).get(0));
    }
}
