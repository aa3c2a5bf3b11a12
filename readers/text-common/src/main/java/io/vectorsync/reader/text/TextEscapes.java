package io.vectorsync.reader.text;

/**
 * The escapes job files use to write invisible delimiters and null markers ({@code fieldDelimiter},
 * {@code nullFormat}, …): {@code \t}, {@code \n}, {@code \r}, {@code \\}, {@code \u0001} (four hex digits) and
 * Hive's {@code \001} (three octal digits). Any other backslash is kept as it is.
 */
public final class TextEscapes {
    private TextEscapes() {
    }

    /** {@code s} with its escapes turned into the characters. */
    public static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(i + 1);
            int skip = 1;
            switch (n) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case '\\' -> out.append('\\');
                default -> {
                    if (n == 'u' && digits(s, i + 2, 4, "0123456789abcdefABCDEF")) {
                        out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                        skip = 5;
                    } else if (digits(s, i + 1, 3, "01234567")) {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                        skip = 3;
                    } else {
                        out.append(c); // not an escape: the backslash stays, the next character follows
                        skip = 0;
                    }
                }
            }
            i += skip;
        }
        return out.toString();
    }

    private static boolean digits(String s, int from, int count, String allowed) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (allowed.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
