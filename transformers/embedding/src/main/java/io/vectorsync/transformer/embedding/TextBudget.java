package io.vectorsync.transformer.embedding;

import io.vectorsync.api.model.ModelLimits;

/**
 * The model's per-text limits and a conservative token estimate. Tokens are estimated without the model's
 * tokenizer: every CJK code point (Han, Hiragana, Katakana, Hangul) counts as one token, every other character
 * as a third of one (rounded up). Real tokenizers give about 4 Latin characters and 1 to 1.5 CJK characters per
 * token, so the estimate errs on the high side: a text within it is within the model's limit.
 */
final class TextBudget {
    private final int maxChars;
    private final int maxTokens;

    TextBudget(ModelLimits limits) {
        this(limits.maxCharsPerText(), limits.maxTokensPerText());
    }

    /** {@code 0} means no limit. */
    TextBudget(int maxChars, int maxTokens) {
        this.maxChars = maxChars;
        this.maxTokens = maxTokens;
    }

    /** Estimated tokens of {@code text}. */
    static int estimateTokens(CharSequence text) {
        int cjk = 0;
        int other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (isCjk(cp)) {
                cjk++;
            } else {
                other++;
            }
        }
        return cjk + (other + 2) / 3;
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /** Whether {@code text} is within both limits. */
    boolean fits(String text) {
        return (maxChars <= 0 || text.length() <= maxChars) && (maxTokens <= 0 || estimateTokens(text) <= maxTokens);
    }

    /** A description of the limits, for messages. */
    String describe(String text) {
        return text.length() + " characters (about " + estimateTokens(text) + " tokens estimated), over the model's limit of "
                + (maxChars > 0 ? maxChars + " characters" : "")
                + (maxChars > 0 && maxTokens > 0 ? " / " : "")
                + (maxTokens > 0 ? maxTokens + " tokens" : "");
    }

    /** The longest prefix of {@code text} within both limits, never splitting a surrogate pair. */
    String truncate(String text) {
        int cjk = 0;
        int other = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int next = end + Character.charCount(cp);
            int c = cjk;
            int o = other;
            if (isCjk(cp)) {
                c++;
            } else {
                o++;
            }
            if ((maxChars > 0 && next > maxChars) || (maxTokens > 0 && c + (o + 2) / 3 > maxTokens)) {
                break;
            }
            cjk = c;
            other = o;
            end = next;
        }
        return text.substring(0, end);
    }
}
