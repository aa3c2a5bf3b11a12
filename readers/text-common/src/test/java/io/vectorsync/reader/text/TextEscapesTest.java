package io.vectorsync.reader.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextEscapesTest {
    @Test
    void invisibleDelimitersAsJobFilesWriteThem() {
        assertEquals("\t", TextEscapes.unescape("\\t"));
        assertEquals("\u0001", TextEscapes.unescape("\\u0001"));
        assertEquals("\u0001", TextEscapes.unescape("\\001"));
        assertEquals("a\r\nb", TextEscapes.unescape("a\\r\\nb"));
        assertEquals("\\", TextEscapes.unescape("\\\\"));
        assertEquals("|\u001b|", TextEscapes.unescape("|\\u001B|"));
    }

    @Test
    void whatIsNotAnEscapeStaysAsWritten() {
        assertEquals("\\N", TextEscapes.unescape("\\N"));
        assertEquals("\\u12", TextEscapes.unescape("\\u12"));
        assertEquals("\\x", TextEscapes.unescape("\\x"));
        assertEquals("a\\", TextEscapes.unescape("a\\"));
        assertEquals("\\01", TextEscapes.unescape("\\01"));
        assertEquals(",", TextEscapes.unescape(","));
    }
}
