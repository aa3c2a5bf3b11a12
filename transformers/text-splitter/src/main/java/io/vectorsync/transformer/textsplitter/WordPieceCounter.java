package io.vectorsync.transformer.textsplitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Counts tokens as a Hugging Face BERT {@code tokenizer.json} does (BertNormalizer, BertPreTokenizer, WordPiece),
 * in pure Java. The Rust tokenizer itself (DJL) cannot be used here: its native library can be loaded by only one
 * class loader per JVM and the onnx plugin's loader already holds it. {@code WordPieceCounterTest} checks the
 * counts against the Rust tokenizer on English, accented, CJK and emoji text.
 */
final class WordPieceCounter implements TokenCounter {
    private final String name;
    private final Set<String> vocabulary;
    /** The longest vocabulary entry in chars: no longer candidate can match. */
    private final int longestEntry;
    private final String continuingPrefix;
    private final int maxCharsPerWord;
    private final boolean lowercase;
    private final boolean stripAccents;
    private final boolean handleChineseChars;
    private final boolean cleanText;
    /** Tokens matched verbatim in the raw text before anything else ([CLS], [SEP], [MASK], ...): one token each. */
    private final List<String> addedTokens;

    private WordPieceCounter(String name, JsonNode tokenizer) {
        this.name = name;
        JsonNode model = tokenizer.path("model");
        JsonNode normalizer = tokenizer.path("normalizer");
        if (!"WordPiece".equals(model.path("type").asText()) || !"BertNormalizer".equals(normalizer.path("type").asText())
                || !"BertPreTokenizer".equals(tokenizer.path("pre_tokenizer").path("type").asText())) {
            throw new IllegalArgumentException("tokenizer " + name + " is not a BERT WordPiece tokenizer");
        }
        Set<String> vocab = new HashSet<>();
        for (Iterator<String> it = model.path("vocab").fieldNames(); it.hasNext(); ) {
            vocab.add(it.next());
        }
        this.vocabulary = Set.copyOf(vocab);
        this.longestEntry = vocab.stream().mapToInt(String::length).max().orElse(1);
        this.continuingPrefix = model.path("continuing_subword_prefix").asText("##");
        this.maxCharsPerWord = model.path("max_input_chars_per_word").asInt(100);
        this.lowercase = normalizer.path("lowercase").asBoolean(true);
        // strip_accents null means "follow lowercase", as in the Rust BertNormalizer
        JsonNode strip = normalizer.path("strip_accents");
        this.stripAccents = strip.isBoolean() ? strip.asBoolean() : lowercase;
        this.handleChineseChars = normalizer.path("handle_chinese_chars").asBoolean(true);
        this.cleanText = normalizer.path("clean_text").asBoolean(true);
        List<String> added = new ArrayList<>();
        for (JsonNode t : tokenizer.path("added_tokens")) {
            if (!t.path("content").asText().isEmpty()) {
                added.add(t.path("content").asText());
            }
        }
        this.addedTokens = List.copyOf(added);
    }

    /** Loads a {@code tokenizer.json} from this plugin's class path. */
    static WordPieceCounter fromResource(String name, String resource) {
        try (InputStream in = WordPieceCounter.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("tokenizer resource " + resource + " is missing from the plugin");
            }
            return new WordPieceCounter(name, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer resource " + resource, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int count(CharSequence text) {
        String s = text.toString();
        int tokens = 0;
        int from = 0;
        while (true) {
            int at = -1;
            String match = null;
            for (String t : addedTokens) {
                int i = s.indexOf(t, from);
                if (i >= 0 && (at < 0 || i < at)) {
                    at = i;
                    match = t;
                }
            }
            if (match == null) {
                return tokens + countPlain(from == 0 ? s : s.substring(from));
            }
            tokens += countPlain(s.substring(from, at)) + 1;
            from = at + match.length();
        }
    }

    private int countPlain(String text) {
        String normalized = normalize(text);
        int tokens = 0;
        int wordStart = -1;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isWhitespace(cp) || isPunctuation(cp)) {
                if (wordStart >= 0) {
                    tokens += wordPieces(normalized, wordStart, i);
                    wordStart = -1;
                }
                if (isPunctuation(cp)) {
                    tokens += wordPieces(normalized, i, next);
                }
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i = next;
        }
        if (wordStart >= 0) {
            tokens += wordPieces(normalized, wordStart, normalized.length());
        }
        return tokens;
    }

    /** BertNormalizer: drop controls, whitespace to spaces, spaces around CJK ideographs, strip accents, lowercase. */
    private String normalize(CharSequence text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (cleanText) {
                if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                    continue;
                }
                if (isWhitespace(cp)) {
                    sb.append(' ');
                    continue;
                }
            }
            if (handleChineseChars && isChineseChar(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String s = sb.toString();
        if (stripAccents) {
            if (!Normalizer.isNormalized(s, Normalizer.Form.NFD)) {
                s = Normalizer.normalize(s, Normalizer.Form.NFD);
            }
            s = withoutNonSpacingMarks(s);
        }
        return lowercase ? lowercase(s) : s;
    }

    private static String withoutNonSpacingMarks(String s) {
        StringBuilder stripped = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                if (stripped == null) {
                    stripped = new StringBuilder(s.length()).append(s, 0, i);
                }
            } else if (stripped != null) {
                stripped.appendCodePoint(cp);
            }
            i = next;
        }
        return stripped == null ? s : stripped.toString();
    }

    /** Code point by code point, as Rust's char::to_lowercase: no final-sigma rule ("ΟΔΥΣΣΕΥΣ" ends in σ). */
    private static String lowercase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                sb.append((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
            } else {
                sb.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }

    /** Greedy longest-match-first WordPiece; a word that cannot be covered is one [UNK]. */
    private int wordPieces(String s, int start, int end) {
        if (s.codePointCount(start, end) > maxCharsPerWord) {
            return 1;
        }
        int pieces = 0;
        int from = start;
        while (from < end) {
            int to = Math.min(end, from + longestEntry);
            if (to < end && Character.isLowSurrogate(s.charAt(to)) && to > from + 1) {
                to--;
            }
            boolean found = false;
            while (to > from) {
                String candidate = from == start ? s.substring(from, to) : continuingPrefix + s.substring(from, to);
                if (vocabulary.contains(candidate)) {
                    found = true;
                    break;
                }
                to = Character.isLowSurrogate(s.charAt(to - 1)) && to - 2 >= from ? to - 2 : to - 1;
            }
            if (!found) {
                return 1;
            }
            pieces++;
            from = to;
        }
        return pieces;
    }

    private static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.getType(cp) == Character.SPACE_SEPARATOR
                || Character.isWhitespace(cp);
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isChineseChar(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
