package io.vectorsync.transformer.textsplitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pure-Java WordPiece counter against Hugging Face's Rust tokenizer (through DJL) on the same
 * {@code tokenizer.json}: the counts must be equal, or chunks could exceed the model's limit.
 */
class WordPieceCounterTest {

    @ParameterizedTest
    @CsvSource({"all-MiniLM-L6-v2, all-minilm-l6-v2", "bge-small-en-v1.5, bge-small-en-v1.5"})
    void countsLikeTheRustTokenizer(String name, String file) throws Exception {
        TokenCounter counter = TokenCounters.named(name);
        String resource = "tokenizers/" + file + "-tokenizer.json";
        List<String> texts = new ArrayList<>(List.of("Hello, world!", "Résumé of a naïve café in Zürich.",
                "向量检索把长文档切成小块。再用模型生成向量！", "emoji 👨‍👩‍👧‍👦 and flags 🇯🇵 👍🏽", "don't stop-believing...",
                "tabs\tand\u00a0no-break\u3000spaces", "控制\u0001字符\u200b零宽", "ΣΊΣΥΦΟΣ ΟΔΥΣΣΕΥΣ", "İstanbul ǅ ﬁ",
                "supercalifragilisticexpialidocious" + "x".repeat(120), "[CLS] text [SEP]", "a\r\nb\n\nc",
                Texts.resource("docs/zh.md"), Texts.resource("docs/en.md")));
        Random random = new Random(13);
        for (int i = 0; i < 300; i++) {
            texts.add(Texts.random(random, 20 + random.nextInt(400)));
        }
        try (InputStream in = TokenCounters.class.getResourceAsStream(resource);
             HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(in, Map.of(
                     "addSpecialTokens", "false", "truncation", "false", "padding", "false"))) {
            for (String text : texts) {
                assertEquals(reference.encode(text, false, false).getIds().length, counter.count(text),
                        () -> name + " counts differ for: " + text);
            }
        }
    }
}
