package io.vectorsync.transformer.textsplitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownSectionsTest {

    private static List<String> paths(String md) {
        return MarkdownSections.of(md).stream().map(MarkdownSections.Section::headingPath).toList();
    }

    @Test
    void headingPathsFollowTheLevels() {
        String md = "Intro text.\n# Guide\ng\n## Install\ni\n### Linux ###\nl\n## Use\nu\n# Other\no\n";
        assertEquals(List.of("", "Guide", "Guide > Install", "Guide > Install > Linux", "Guide > Use", "Other"),
                paths(md));
        List<MarkdownSections.Section> sections = MarkdownSections.of(md);
        assertEquals("### Linux ###\nl\n", md.substring(sections.get(3).start(), sections.get(3).end()));
        assertEquals(md.length(), sections.get(5).end());
    }

    @Test
    void headingsInFencedCodeAndFalseHeadingsAreText() {
        String md = "# Real\n```bash\n# a shell comment\n```\n#not a heading\n    # indented code\n~~~\n## no\n~~~\ntext\n";
        assertEquals(List.of("Real"), paths(md));
    }

    @Test
    void aHeadingWithoutTextIsJoinedToTheNextSection() {
        String md = "# Guide\n\n## Install\nsteps\n";
        List<MarkdownSections.Section> sections = MarkdownSections.of(md);
        assertEquals(1, sections.size());
        assertEquals("Guide > Install", sections.get(0).headingPath());
        assertEquals(0, sections.get(0).start());
    }

    @Test
    void skippedLevelsAndCrLf() {
        assertEquals(List.of("A", "A > C", "B"), paths("# A\r\na\r\n### C\r\nc\r\n# B\r\nb"));
    }
}
