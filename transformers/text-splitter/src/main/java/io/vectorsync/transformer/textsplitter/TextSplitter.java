package io.vectorsync.transformer.textsplitter;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into chunks of at most {@code chunkSize} tokens, preferring the earliest separator of the list that
 * occurs (paragraphs, then lines, sentences, clauses, words) and grapheme clusters as the last resort; then packs
 * consecutive pieces into chunks, each chunk starting with up to {@code chunkOverlap} tokens of whole pieces from the
 * end of the previous one. Immutable and thread-safe; the per-text state lives in {@link Run}.
 *
 * <p>Reassembly: a chunk is the source text between two cut points with the whitespace at both of its ends removed
 * (Unicode White_Space: spaces, tabs, line breaks, no-break and ideographic spaces); nothing else is ever dropped, so
 * the chunks with their overlaps removed concatenate back to the source up to that whitespace. Cut points are always
 * grapheme-cluster boundaries (ICU4J), so no chunk ends inside a surrogate pair, a combining sequence or an emoji.
 */
final class TextSplitter {
    private final TokenCounter counter;
    private final int chunkSize;
    private final int chunkOverlap;
    private final List<String> separators;

    /** A chunk: {@code text} is {@code source.substring(start, end)}. */
    record Chunk(int start, int end, String text, int tokens) {
    }

    /** A single grapheme cluster is larger than chunkSize tokens: no chunk can hold it. */
    static final class OversizedGraphemeException extends Exception {
        OversizedGraphemeException(String message) {
            super(message, null, false, false);
        }
    }

    TextSplitter(TokenCounter counter, int chunkSize, int chunkOverlap, List<String> separators) {
        if (chunkSize < 1 || chunkOverlap < 0 || chunkOverlap >= chunkSize) {
            throw new IllegalArgumentException("need 0 <= chunkOverlap < chunkSize, got chunkSize " + chunkSize
                    + " and chunkOverlap " + chunkOverlap);
        }
        this.counter = counter;
        this.chunkSize = chunkSize;
        this.chunkOverlap = chunkOverlap;
        this.separators = List.copyOf(separators);
    }

    /** The chunks of {@code text} (none when it is blank). */
    List<Chunk> split(String text) throws OversizedGraphemeException {
        return split(text, 0, text.length());
    }

    /** The chunks of {@code text[from, to)}, with offsets into {@code text}. */
    List<Chunk> split(String text, int from, int to) throws OversizedGraphemeException {
        Run run = new Run(text);
        List<Piece> pieces = new ArrayList<>();
        run.collect(from, to, 0, pieces);
        return run.merge(pieces);
    }

    /** A run of text that fits in a chunk; {@code rawTokens} counts it untrimmed, for estimating sums. */
    private record Piece(int start, int end, int rawTokens) {
    }

    /** The state of splitting one text. */
    private final class Run {
        private final String text;
        private final BreakIterator graphemes;

        Run(String text) {
            this.text = text;
            this.graphemes = BreakIterator.getCharacterInstance();
            graphemes.setText(text);
        }

        /** Adds the pieces of [a, b): whole if it fits, else split at separator {@code level} or later. */
        void collect(int a, int b, int level, List<Piece> out) {
            if (tokens(a, b) <= chunkSize) {
                out.add(new Piece(a, b, counter.count(text.subSequence(a, b))));
                return;
            }
            for (int l = level; l < separators.size(); l++) {
                List<Integer> cuts = cutsAfter(separators.get(l), a, b);
                if (!cuts.isEmpty()) {
                    int start = a;
                    for (int cut : cuts) {
                        collect(start, cut, l + 1, out);
                        start = cut;
                    }
                    collect(start, b, l + 1, out);
                    return;
                }
            }
            graphemeWindows(a, b, out);
        }

        /** Positions right after each occurrence of {@code sep} inside (a, b) that are grapheme boundaries. */
        private List<Integer> cutsAfter(String sep, int a, int b) {
            List<Integer> cuts = new ArrayList<>();
            if (sep.isEmpty()) {
                return cuts;
            }
            int i = text.indexOf(sep, a);
            while (i >= 0 && i + sep.length() < b) {
                int cut = i + sep.length();
                if (graphemes.isBoundary(cut)) {
                    cuts.add(cut);
                }
                i = text.indexOf(sep, cut);
            }
            return cuts;
        }

        /**
         * The last resort: consecutive windows of whole grapheme clusters, each as long as fits in the window budget
         * (chunkOverlap tokens when there is an overlap, so that the overlap can be a whole window; else chunkSize).
         */
        private void graphemeWindows(int a, int b, List<Piece> out) {
            int budget = chunkOverlap > 0 ? chunkOverlap : chunkSize;
            int s = a;
            while (s < b) {
                int e = longestFit(s, b, budget);
                out.add(new Piece(s, e, counter.count(text.subSequence(s, e))));
                s = e;
            }
        }

        /** The furthest grapheme boundary e in (s, b] with tokens(s, e) <= budget; at least one grapheme. */
        private int longestFit(int s, int b, int budget) {
            int lo = s;
            int hi = -1;
            int step = Math.max(budget, 8);
            while (true) {
                int e = boundaryAtOrAfter(Math.min(b, lo + step));
                if (tokens(s, e) <= budget) {
                    lo = e;
                    if (e >= b) {
                        return b;
                    }
                    step *= 2;
                } else {
                    hi = e;
                    break;
                }
            }
            while (true) {
                int mid = boundaryAtOrAfter(lo + (hi - lo) / 2);
                if (mid <= lo || mid >= hi) {
                    mid = graphemes.following(lo);
                    if (mid >= hi) {
                        break;
                    }
                }
                if (tokens(s, mid) <= budget) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return lo > s ? lo : graphemes.following(s);
        }

        private int boundaryAtOrAfter(int offset) {
            if (offset >= text.length()) {
                return text.length();
            }
            return graphemes.isBoundary(offset) ? offset : graphemes.following(offset);
        }

        /** Packs consecutive pieces into chunks of at most chunkSize tokens, counted exactly on the chunk's text. */
        List<Chunk> merge(List<Piece> pieces) throws OversizedGraphemeException {
            List<Chunk> chunks = new ArrayList<>();
            Chunk last = null;
            int n = pieces.size();
            int i = 0;
            while (i < n) {
                int j = i;
                long estimate = 0;
                while (j < n && estimate + pieces.get(j).rawTokens() <= chunkSize) {
                    estimate += pieces.get(j).rawTokens();
                    j++;
                }
                j = Math.max(j, i + 1);
                Chunk chunk = chunk(pieces.get(i).start(), pieces.get(j - 1).end());
                while ((chunk == null || chunk.tokens() > chunkSize) && j - i > 1) {
                    j--;
                    chunk = chunk(pieces.get(i).start(), pieces.get(j - 1).end());
                }
                if (chunk != null && (last == null || chunk.end() > last.end())) {
                    if (chunk.tokens() > chunkSize) {
                        throw new OversizedGraphemeException("the text at offset " + chunk.start() + " (\""
                                + chunk.text() + "\") is one grapheme cluster of " + chunk.tokens() + " tokens, more than "
                                + "chunkSize " + chunkSize + "; raise chunkSize");
                    }
                    chunks.add(chunk);
                    last = chunk;
                }
                if (j >= n) {
                    break;
                }
                int k = overlapStart(pieces, i, j);
                // an overlap reaching back before the chunk's first non-white text would repeat the whole chunk
                i = chunk == null || chunk.start() >= pieces.get(k).start() ? j : k;
            }
            return chunks;
        }

        /** Where the chunk after pieces [i, j) starts: back from j by whole pieces of at most chunkOverlap tokens. */
        private int overlapStart(List<Piece> pieces, int i, int j) {
            int k = j;
            long overlap = 0;
            while (k - 1 > i && overlap + pieces.get(k - 1).rawTokens() <= chunkOverlap) {
                overlap += pieces.get(k - 1).rawTokens();
                k--;
            }
            // the next chunk must still take piece j, or it would repeat the overlap forever
            while (k < j && overlap + pieces.get(j).rawTokens() > chunkSize) {
                overlap -= pieces.get(k).rawTokens();
                k++;
            }
            return k;
        }

        /**
         * The chunk of [a, b) without the grapheme clusters at its ends that are all white space (a space carrying a
         * combining mark stays), or null when nothing else is left.
         */
        private Chunk chunk(int a, int b) {
            int s = a;
            int e = b;
            while (s < e) {
                int next = Math.min(e, graphemes.following(s));
                if (!isWhiteSpace(text, s, next)) {
                    break;
                }
                s = next;
            }
            while (e > s) {
                int before = Math.max(s, graphemes.preceding(e));
                if (!isWhiteSpace(text, before, e)) {
                    break;
                }
                e = before;
            }
            if (s == e) {
                return null;
            }
            String chunkText = text.substring(s, e);
            return new Chunk(s, e, chunkText, counter.count(chunkText));
        }

        /** Tokens of [a, b) without its surrounding whitespace: what a chunk of exactly this text would count. */
        private int tokens(int a, int b) {
            Chunk c = chunk(a, b);
            return c == null ? 0 : c.tokens();
        }
    }

    /** True when {@code text[from, to)} is all Unicode White_Space: what may be dropped at a cut point. */
    static boolean isWhiteSpace(CharSequence text, int from, int to) {
        for (int i = from; i < to; ) {
            int cp = Character.codePointAt(text, i);
            if (!UCharacter.isUWhiteSpace(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
