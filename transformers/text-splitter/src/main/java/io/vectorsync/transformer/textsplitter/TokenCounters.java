package io.vectorsync.transformer.textsplitter;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokenizers the {@code tokenizer} parameter can name. Each is loaded once per JVM (the WordPiece vocabularies
 * take a few MB) and shared by every step and stream.
 */
final class TokenCounters {
    /** The character fallback: Unicode code points. */
    static final String CHARACTERS = "characters";
    static final String ALL_MINILM = "all-MiniLM-L6-v2";
    static final String BGE_SMALL_EN = "bge-small-en-v1.5";

    /** Accepted names, in the order the docs list them. */
    static final List<String> NAMES = List.of("cl100k_base", "o200k_base", "p50k_base", "r50k_base", ALL_MINILM,
            "sentence-transformers/all-MiniLM-L6-v2", BGE_SMALL_EN, "BAAI/bge-small-en-v1.5", CHARACTERS);

    private static final Map<String, TokenCounter> LOADED = new ConcurrentHashMap<>();

    private TokenCounters() {
    }

    /** The counter named {@code name} (case-insensitive, one of {@link #NAMES}). */
    static TokenCounter named(String name) {
        String key = canonical(name);
        return LOADED.computeIfAbsent(key, TokenCounters::load);
    }

    static String canonical(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2" -> ALL_MINILM;
            case "bge-small-en-v1.5", "baai/bge-small-en-v1.5" -> BGE_SMALL_EN;
            case "chars", "characters" -> CHARACTERS;
            default -> n;
        };
    }

    private static TokenCounter load(String key) {
        return switch (key) {
            case CHARACTERS -> new CodePointCounter();
            case ALL_MINILM -> WordPieceCounter.fromResource(ALL_MINILM, "tokenizers/all-minilm-l6-v2-tokenizer.json");
            case BGE_SMALL_EN -> WordPieceCounter.fromResource(BGE_SMALL_EN, "tokenizers/bge-small-en-v1.5-tokenizer.json");
            default -> tiktoken(key);
        };
    }

    private static TokenCounter tiktoken(String key) {
        EncodingType type = EncodingType.fromName(key)
                .orElseThrow(() -> new IllegalArgumentException("unknown tokenizer \"" + key + "\""));
        Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(type);
        return new TokenCounter() {
            @Override
            public int count(CharSequence text) {
                // ordinary: "<|endoftext|>" in a document is text, not a special token
                return encoding.countTokensOrdinary(text.toString());
            }

            @Override
            public String name() {
                return key;
            }
        };
    }

    /** One token per Unicode code point (a surrogate pair is one). */
    private static final class CodePointCounter implements TokenCounter {
        @Override
        public int count(CharSequence text) {
            return Character.codePointCount(text, 0, text.length());
        }

        @Override
        public String name() {
            return CHARACTERS;
        }
    }
}
