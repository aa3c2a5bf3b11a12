package io.vectorsync.transformer.embedding;

import static java.util.Objects.requireNonNull;

import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the text to embed from a record's source columns. The rules (also in the README):
 * <ol>
 *   <li>Values are taken in {@code sourceColumnNames} order and joined with {@code appendDelimiter}.</li>
 *   <li>Non-string values become text with {@code toString()}: dates and timestamps in ISO-8601, decimals
 *       without exponent, bytes as base64, vectors and arrays as {@code [a, b, …]}.</li>
 *   <li>With {@code appendFieldNameEnable}, each value is written {@code <column><appendFieldNameDelimiter><value>}.</li>
 *   <li>A NULL value is the empty string when {@code nullAsEmptyString} is true. Otherwise the column is left out
 *       of the text (with its name and delimiter); if every source column is left out that way, the record is
 *       dirty ({@link EmbeddingErrorCode#NULL_VALUE}): models reject NULL input.</li>
 *   <li>With {@code skipEmptyValue}, empty values (and NULLs) are left out with their name and delimiter.</li>
 *   <li>A text that ends up empty ({@link #isEmpty}: only whitespace, control or format characters) is never
 *       sent: with {@code nullAsEmptyString} the record continues with a NULL vector, otherwise it is dirty
 *       ({@link EmbeddingErrorCode#EMPTY_TEXT}): models reject empty input.</li>
 * </ol>
 * Thread-safe.
 */
final class TextComposer {
    private final List<String> columns;
    private final String delimiter;
    private final boolean skipEmpty;
    private final boolean nullAsEmpty;
    private final boolean appendFieldName;
    private final String fieldNameDelimiter;

    TextComposer(EmbeddingOptions options) {
        this.columns = options.sourceColumnNames();
        this.delimiter = requireNonNull(options.appendDelimiter(), "appendDelimiter is null");
        this.skipEmpty = options.skipEmptyValue();
        this.nullAsEmpty = options.nullAsEmptyString();
        this.appendFieldName = options.appendFieldNameEnable();
        this.fieldNameDelimiter = options.appendFieldNameDelimiter() == null ? "" : options.appendFieldNameDelimiter();
    }

    /** The text of a record, or why there is none. */
    record Composed(String text, EmbeddingErrorCode error, String message) {
        /** An empty text that continues with a NULL vector ({@code nullAsEmptyString: true}). */
        static final Composed EMPTY = new Composed(null, null, null);

        static Composed ok(String text) {
            return new Composed(text, null, null);
        }

        static Composed dirty(EmbeddingErrorCode error, String message) {
            return new Composed(null, error, message);
        }

        boolean isOk() {
            return text != null;
        }

        /** The record continues with a NULL vector: nothing to embed, nothing wrong. */
        boolean isEmptyVector() {
            return text == null && error == null;
        }
    }

    /**
     * Composes the text of {@code record}, whose source columns are at {@code positions} (same order as
     * {@code sourceColumnNames}).
     */
    Composed compose(Row record, int[] positions) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        List<String> nullColumns = null;
        for (int i = 0; i < positions.length; i++) {
            Object value = record.get(positions[i]);
            String text;
            if (value == null) {
                if (!nullAsEmpty) {
                    if (nullColumns == null) {
                        nullColumns = new ArrayList<>(2);
                    }
                    nullColumns.add(columns.get(i));
                    continue;
                }
                text = "";
            } else {
                text = toText(value);
            }
            if (skipEmpty && text.isEmpty()) {
                continue;
            }
            if (!first) {
                sb.append(delimiter);
            }
            first = false;
            if (appendFieldName) {
                sb.append(columns.get(i)).append(fieldNameDelimiter);
            }
            sb.append(text);
        }
        if (nullColumns != null && nullColumns.size() == positions.length) {
            return Composed.dirty(EmbeddingErrorCode.NULL_VALUE, describe(nullColumns)
                    + " NULL and nullAsEmptyString is false: embedding models reject NULL input; set "
                    + "nullAsEmptyString to true to embed NULL as an empty string, or filter these rows out upstream");
        }
        String result = sb.toString();
        if (isEmpty(result)) {
            if (nullAsEmpty) {
                return Composed.EMPTY;
            }
            return Composed.dirty(EmbeddingErrorCode.EMPTY_TEXT, "the text to embed from " + columns
                    + " is empty" + (result.isEmpty() ? "" : " (only delimiters, whitespace, control or format characters)")
                    + ": embedding models reject empty input; filter these rows out upstream"
                    + (appendFieldName ? "" : " or set appendFieldNameEnable to true"));
        }
        return Composed.ok(result);
    }

    /**
     * Whether nothing but Unicode whitespace (incl. no-break and ideographic spaces), control characters (NUL…)
     * or format characters (zero-width space, BOM…) is in {@code text}: such a text is never sent to a model.
     */
    static boolean isEmpty(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                    && type != Character.CONTROL && type != Character.FORMAT) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static String describe(List<String> nullColumns) {
        return nullColumns.size() == 1 ? "source column \"" + nullColumns.get(0) + "\" is"
                : "every source column " + nullColumns + " is";
    }

    /** The text of one non-null value. */
    static String toText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof byte[] || value instanceof float[] || value instanceof List<?>) {
            return Values.toDisplayString(value, Integer.MAX_VALUE);
        }
        return value.toString();
    }
}
