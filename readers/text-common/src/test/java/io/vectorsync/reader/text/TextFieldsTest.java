package io.vectorsync.reader.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextFieldsTest {
    @Test
    void splitsAtEveryDelimiterKeepingEmptyFields() {
        assertEquals(List.of("a", "", "b", ""), TextFields.split("a,,b,", ","));
        assertEquals(List.of("x"), TextFields.split("x", ","));
        assertEquals(List.of(""), TextFields.split("", ","));
    }

    @Test
    void aDelimiterMayBeLongerThanOneCharacter() {
        assertEquals(List.of("a", "b|c"), TextFields.split("a||b|c", "||"));
    }
}
