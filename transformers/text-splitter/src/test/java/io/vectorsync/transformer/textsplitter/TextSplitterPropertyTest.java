package io.vectorsync.transformer.textsplitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The splitter's invariants over seeded random texts (English, Chinese, emoji, combining marks, long runs without
 * separators) and real Markdown: every chunk at most chunkSize tokens, chunks minus overlaps concatenate back to the
 * source with only white space dropped at cut points, no cut inside a grapheme cluster, overlaps within
 * chunkOverlap, identical output on a second run.
 */
class TextSplitterPropertyTest {

    @ParameterizedTest(name = "{0} size {1} overlap {2}")
    @CsvSource({
        "characters, 40, 0", "characters, 40, 10", "characters, 200, 39", "characters, 24, 5",
        "cl100k_base, 30, 0", "cl100k_base, 64, 16", "o200k_base, 100, 20",
        "all-MiniLM-L6-v2, 32, 8", "all-MiniLM-L6-v2, 254, 40", "bge-small-en-v1.5, 50, 0"})
    void invariantsHoldOnRandomAndRealTexts(String tokenizer, int size, int overlap) throws Exception {
        TokenCounter counter = TokenCounters.named(tokenizer);
        TextSplitter splitter = new TextSplitter(counter, size, overlap, TextSplitterOptions.DEFAULT_SEPARATORS);
        List<String> texts = new ArrayList<>(List.of(Texts.resource("docs/en.md"), Texts.resource("docs/zh.md"),
                "x", " padded \n", "👨‍👩‍👧‍👦".repeat(3), "e\u0301".repeat(50)));
        Random random = new Random(size * 31L + overlap);
        for (int i = 0; i < 30; i++) {
            texts.add(Texts.random(random, 1 + random.nextInt(3000)));
        }
        for (String text : texts) {
            List<TextSplitter.Chunk> chunks = splitter.split(text);
            check(text, chunks, counter, size, overlap);
            assertEquals(chunks, splitter.split(text), "a second run gives other chunks");
        }
    }

    @Test
    void chineseIsCutAfterSentenceEndsNotInsideSentences() throws Exception {
        TextSplitter splitter = new TextSplitter(TokenCounters.named("characters"), 60, 0,
                TextSplitterOptions.DEFAULT_SEPARATORS);
        String text = Texts.resource("docs/zh.md");
        for (TextSplitter.Chunk c : splitter.split(text)) {
            char last = c.text().charAt(c.text().length() - 1);
            assertTrue("。！？；，、：”）".indexOf(last) >= 0 || text.startsWith("\n", c.end())
                    || c.end() == text.strip().length(), () -> "chunk ends mid-sentence: " + c.text());
        }
    }

    @Test
    void englishPrefersParagraphsThenSentencesThenClauses() throws Exception {
        TextSplitter splitter = new TextSplitter(TokenCounters.named("cl100k_base"), 25, 0,
                TextSplitterOptions.DEFAULT_SEPARATORS);
        String text = "First paragraph is short.\n\nSecond paragraph has two sentences. The second sentence is here "
                + "and makes the paragraph too long to share a chunk with the first one, so it is cut after a clause.";
        List<String> chunks = splitter.split(text).stream().map(TextSplitter.Chunk::text).toList();
        assertEquals(List.of("First paragraph is short.\n\nSecond paragraph has two sentences.",
                "The second sentence is here and makes the paragraph too long to share a chunk with the first one,",
                "so it is cut after a clause."), chunks);
    }

    @Test
    void overlapRepeatsWholeSentences() throws Exception {
        TextSplitter splitter = new TextSplitter(TokenCounters.named("characters"), 50, 20,
                TextSplitterOptions.DEFAULT_SEPARATORS);
        List<String> chunks = splitter.split("One two three. Four five six. Seven eight. Nine ten eleven. Twelve.")
                .stream().map(TextSplitter.Chunk::text).toList();
        assertEquals(List.of("One two three. Four five six. Seven eight.", "Seven eight. Nine ten eleven. Twelve."),
                chunks);
    }

    /** Checks one split of {@code text}; the reassembly is rebuilt from the chunks' offsets. */
    static void check(String text, List<TextSplitter.Chunk> chunks, TokenCounter counter, int size, int overlap) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        StringBuilder rebuilt = new StringBuilder();
        int pos = 0;
        TextSplitter.Chunk previous = null;
        for (TextSplitter.Chunk c : chunks) {
            String where = " (" + counter.name() + " " + size + "/" + overlap + ", chunk at " + c.start() + ")";
            assertEquals(text.substring(c.start(), c.end()), c.text(), "text and offsets disagree" + where);
            assertTrue(counter.count(c.text()) <= size, () -> "chunk of " + counter.count(c.text()) + " tokens > "
                    + size + where + ": " + c.text());
            assertTrue(!blank(c.text(), 0, graphemes.following(c.start()) - c.start())
                    && !blank(c.text(), graphemes.preceding(c.end()) - c.start(), c.text().length()),
                    "chunk starts or ends with white space" + where);
            assertTrue(graphemes.isBoundary(c.start()) && graphemes.isBoundary(c.end()),
                    "cut inside a grapheme cluster" + where);
            if (previous != null) {
                assertTrue(c.start() > previous.start() && c.end() > previous.end(), "no progress" + where);
            }
            if (c.start() >= pos) {
                assertTrue(blank(text, pos, c.start()), "dropped non-white text" + where + ": \""
                        + text.substring(pos, c.start()) + "\"");
                rebuilt.append(text, pos, c.end());
            } else {
                String repeated = text.substring(c.start(), pos);
                if (counter.name().equals("characters")) {
                    assertTrue(counter.count(repeated.strip()) <= overlap, "overlap of " + repeated.length()
                            + " > " + overlap + where);
                }
                rebuilt.append(text, pos, c.end());
            }
            pos = c.end();
            previous = c;
        }
        assertTrue(blank(text, pos, text.length()), "dropped the non-white tail");
        rebuilt.append(text, pos, text.length());
        assertEquals(text, rebuilt.toString());
        if (!text.isBlank()) {
            assertTrue(!chunks.isEmpty(), "no chunk for a non-blank text");
        }
    }

    /** Unicode White_Space only (what the README says may be dropped at a cut point). */
    private static boolean blank(String s, int from, int to) {
        return s.substring(from, to).codePoints().allMatch(UCharacter::isUWhiteSpace);
    }
}
