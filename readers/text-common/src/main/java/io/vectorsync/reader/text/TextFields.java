package io.vectorsync.reader.text;

import java.util.ArrayList;
import java.util.List;

/** The fields of a plain text line (fileFormat text): cut at every occurrence of the delimiter, no quoting. */
public final class TextFields {
    private TextFields() {
    }

    /** Splits {@code line} at each {@code delimiter}; n delimiters give n + 1 fields, empty ones kept. */
    public static List<String> split(String line, String delimiter) {
        List<String> fields = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = line.indexOf(delimiter, from)) >= 0) {
            fields.add(line.substring(from, at));
            from = at + delimiter.length();
        }
        fields.add(line.substring(from));
        return fields;
    }
}
