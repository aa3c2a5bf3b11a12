package io.vectorsync.transformer.textsplitter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts Markdown into sections at ATX headings ({@code #} to {@code ######}, CommonMark rules: up to three spaces of
 * indentation, a space after the marks, an optional closing sequence), ignoring lines inside fenced code blocks.
 * Each section runs from its heading line to the next heading and carries the path of headings above it
 * ({@code Guide > Install > Linux}). A section holding nothing but its heading line is joined to the next section,
 * so a lone heading does not become a chunk of its own. Setext headings (underlined with {@code ===} or
 * {@code ---}) are not recognised: they stay text of the section they are in.
 */
final class MarkdownSections {
    /** The separator between the headings of a path. */
    static final String PATH_SEPARATOR = " > ";

    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");

    /** Text {@code [start, end)} of the document under the headings {@code headingPath} ("" before any heading). */
    record Section(int start, int end, String headingPath) {
    }

    private MarkdownSections() {
    }

    static List<Section> of(String text) {
        List<int[]> headings = new ArrayList<>(); // {line start, level}
        List<String> titles = new ArrayList<>();
        String fence = null;
        int lineStart = 0;
        while (lineStart < text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? text.length() : nl;
            String line = text.substring(lineStart, lineEnd);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            Matcher f = FENCE.matcher(line);
            if (fence == null && f.matches() && !(f.group(1).charAt(0) == '`' && f.group(2).contains("`"))) {
                fence = f.group(1);
            } else if (fence != null) {
                if (f.matches() && f.group(1).charAt(0) == fence.charAt(0) && f.group(1).length() >= fence.length()
                        && f.group(2).isBlank()) {
                    fence = null;
                }
            } else {
                Matcher h = ATX.matcher(line);
                if (h.matches()) {
                    headings.add(new int[] {lineStart, h.group(1).length()});
                    titles.add(h.group(2) == null ? "" : h.group(2).strip());
                }
            }
            lineStart = nl < 0 ? text.length() : nl + 1;
        }
        return sections(text, headings, titles);
    }

    private static List<Section> sections(String text, List<int[]> headings, List<String> titles) {
        List<Section> sections = new ArrayList<>();
        int firstHeading = headings.isEmpty() ? text.length() : headings.get(0)[0];
        if (!text.substring(0, firstHeading).isBlank()) {
            sections.add(new Section(0, firstHeading, ""));
        }
        Deque<Object[]> stack = new ArrayDeque<>(); // {level, title}
        int pendingStart = -1;
        for (int h = 0; h < headings.size(); h++) {
            int start = headings.get(h)[0];
            int level = headings.get(h)[1];
            while (!stack.isEmpty() && (int) stack.peekLast()[0] >= level) {
                stack.removeLast();
            }
            stack.addLast(new Object[] {level, titles.get(h)});
            int end = h + 1 < headings.size() ? headings.get(h + 1)[0] : text.length();
            int from = pendingStart >= 0 ? pendingStart : (h == 0 && sections.isEmpty() ? 0 : start);
            int bodyStart = text.indexOf('\n', start);
            boolean headingOnly = bodyStart < 0 || bodyStart >= end || text.substring(bodyStart, end).isBlank();
            if (headingOnly && h + 1 < headings.size()) {
                pendingStart = from; // glued to the next section
                continue;
            }
            pendingStart = -1;
            sections.add(new Section(from, end, path(stack)));
        }
        return sections;
    }

    private static String path(Deque<Object[]> stack) {
        StringBuilder sb = new StringBuilder();
        for (Object[] entry : stack) {
            if (sb.length() > 0) {
                sb.append(PATH_SEPARATOR);
            }
            sb.append((String) entry[1]);
        }
        return sb.toString();
    }
}
