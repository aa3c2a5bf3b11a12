package io.vectorsync.api.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SplitCodecTest {
    record FileSplit(String path, long start, long end) implements Split {
        @Override
        public String id() {
            return path + "@" + start;
        }
    }

    record OtherSplit(String id) implements Split {
    }

    static final SplitCodec CODEC = SplitCodec.of(2, FileSplit.class, (s, out) -> {
        out.writeUTF(s.path());
        out.writeLong(s.start());
        out.writeLong(s.end());
    }, in -> new FileSplit(in.readUTF(), in.readLong(), in.readLong()));

    @Test
    void roundTripsASplit() throws IOException {
        FileSplit s = new FileSplit("/data/ä.csv", 5, 1 << 40);
        byte[] bytes = CODEC.encode(s);
        assertEquals(2, CODEC.version());
        assertEquals(s, CODEC.decode(2, bytes));
        assertArrayEquals(bytes, CODEC.encode(new FileSplit("/data/ä.csv", 5, 1 << 40)));
    }

    @Test
    void refusesAnUnknownVersionNamingBoth() {
        IOException e = assertThrows(IOException.class, () -> CODEC.decode(1, CODEC.encode(new FileSplit("a", 0, 1))));
        assertTrue(e.getMessage().startsWith("split format version 1 is not known to this reader (it writes version 2)"),
                e.getMessage());
    }

    @Test
    void refusesTrailingAndMissingBytes() throws IOException {
        byte[] bytes = CODEC.encode(new FileSplit("a", 0, 1));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        IOException trailing = assertThrows(IOException.class, () -> CODEC.decode(2, longer));
        assertEquals("3 unread bytes after a FileSplit", trailing.getMessage());
        byte[] shorter = Arrays.copyOf(bytes, bytes.length - 1);
        IOException truncated = assertThrows(IOException.class, () -> CODEC.decode(2, shorter));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    }

    @Test
    void identityIsTheEncodingByDefault() throws IOException {
        FileSplit s = new FileSplit("a", 0, 1);
        assertArrayEquals(CODEC.encode(s), CODEC.identity(s));
    }

    @Test
    void refusesAnotherReadersSplit() {
        IOException e = assertThrows(IOException.class, () -> CODEC.encode(new OtherSplit("x")));
        assertTrue(e.getMessage().contains("this codec encodes " + FileSplit.class.getName()), e.getMessage());
    }
}
