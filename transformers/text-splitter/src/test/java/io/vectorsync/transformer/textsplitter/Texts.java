package io.vectorsync.transformer.textsplitter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Texts for the property tests: seeded random mixes of English, Chinese, emoji and combining marks, and real docs. */
final class Texts {
    private static final List<String> WORDS = List.of("the", "vector", "search", "engine", "stores", "chunks",
            "embedding", "model", "tokenizer", "résumé", "naïve", "café", "Straße", "don't", "e.g.", "U.S.A.",
            "state-of-the-art", "1,024", "3.14", "(parenthesised)", "\"quoted\"", "https://example.com/a?b=c",
            "antidisestablishmentarianism", "ÅNGSTRÖM", "ﬁnance");
    private static final List<String> CHINESE = List.of("向量检索", "把长文档切成小块", "再用模型生成向量", "中文句子",
            "没有空格", "数据同步", "每个块都有稳定的编号", "重新运行时不会重复", "𠀀𠀁", "混合English单词");
    private static final List<String> GRAPHEMES = List.of("👨‍👩‍👧‍👦", "🇯🇵", "🇨🇳", "👍🏽", "e\u0301", "한글", "ก\u0e31",
            "😀", "𝄞", "\u0915\u094d\u0937", "\u200d", "\t", "\u00a0", "\u3000");
    private static final List<String> SENTENCE_ENDS = List.of(". ", "! ", "? ", "; ", "。", "！", "？", "；", "，", "、", ", ");

    private Texts() {
    }

    /** A random document of about {@code length} characters. */
    static String random(Random random, int length) {
        StringBuilder sb = new StringBuilder(length + 64);
        while (sb.length() < length) {
            int kind = random.nextInt(100);
            if (kind < 45) {
                sb.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
            } else if (kind < 65) {
                sb.append(CHINESE.get(random.nextInt(CHINESE.size())));
            } else if (kind < 75) {
                sb.append(GRAPHEMES.get(random.nextInt(GRAPHEMES.size())));
            } else if (kind < 90) {
                sb.append(SENTENCE_ENDS.get(random.nextInt(SENTENCE_ENDS.size())));
            } else if (kind < 95) {
                sb.append('\n');
            } else if (kind < 97) {
                sb.append("\n\n");
            } else if (kind < 98) {
                // a long run without any separator: forces cuts between grapheme clusters
                for (int i = 0; i < 200; i++) {
                    sb.append(random.nextBoolean() ? "字" : GRAPHEMES.get(random.nextInt(6)));
                }
            } else {
                sb.append("  \r\n ");
            }
        }
        return sb.toString();
    }

    static String resource(String name) {
        try (InputStream in = Texts.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
