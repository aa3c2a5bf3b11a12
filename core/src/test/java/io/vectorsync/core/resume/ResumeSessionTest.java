package io.vectorsync.core.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal across attempts: changed inputs refused with what changed, force keeps unchanged done splits. */
class ResumeSessionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** A file split: path and modification time identify its input. */
    record FileSplit(String path, long mtime) implements Split {
        @Override
        public String id() {
            return path;
        }
    }

    private static final SplitCodec CODEC = SplitCodec.of(1, FileSplit.class, (s, out) -> {
        out.writeUTF(s.path());
        out.writeLong(s.mtime());
    }, in -> new FileSplit(in.readUTF(), in.readLong()));

    private List<Split> attempt(ResumeMode mode, List<FileSplit> plan, int finish) throws Exception {
        try (ResumeSession s = ResumeSession.open(dir, "job", mode, MAPPER)) {
            List<Split> todo = s.begin("localfile", plan, CODEC);
            for (int i = 0; i < finish && i < todo.size(); i++) {
                s.splitDone(todo.get(i), new SplitCounts(10, 9, 1, 0));
            }
            return todo;
        }
    }

    @Test
    void aChangedInputIsRefusedWithWhatChangedAndForceKeepsTheUnchangedDoneSplits() throws Exception {
        List<FileSplit> before = List.of(new FileSplit("a.csv", 1), new FileSplit("b.csv", 1), new FileSplit("c.csv", 1));
        assertEquals(3, attempt(ResumeMode.ON, before, 2).size());
        assertEquals(List.of(before.get(2)), attempt(ResumeMode.ON, before, 0), "the done splits are skipped");

        List<FileSplit> after = List.of(new FileSplit("a.csv", 1), new FileSplit("b.csv", 2), new FileSplit("c.csv", 1),
                new FileSplit("d.csv", 1));
        ResumeRefusedException e = assertThrows(ResumeRefusedException.class, () -> attempt(ResumeMode.ON, after, 0));
        assertTrue(e.getMessage().contains("split b.csv changed") && e.getMessage().contains("split d.csv is new")
                && e.getMessage().contains("--resume=force"), e.getMessage());

        List<Split> todo = attempt(ResumeMode.FORCE, after, 0);
        assertEquals(List.of(after.get(1), after.get(2), after.get(3)), todo, "a.csv is unchanged and stays done");
    }

    @Test
    void aLineCutByACrashIsIgnoredAndPriorCountsAddUp() throws Exception {
        List<FileSplit> plan = List.of(new FileSplit("a.csv", 1), new FileSplit("b.csv", 1));
        attempt(ResumeMode.ON, plan, 1);
        Path journal = dir.resolve("job").resolve(SplitJournal.JOURNAL);
        Files.writeString(journal, "{\"event\":\"done\",\"split\":1,\"re", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND); // the crash cut the last line
        try (ResumeSession s = ResumeSession.open(dir, "job", ResumeMode.ON, MAPPER)) {
            assertEquals(List.of(plan.get(1)), s.begin("localfile", plan, CODEC));
            assertEquals(new SplitCounts(10, 9, 1, 0), s.priorCounts());
            assertEquals(1, s.summary().splitsSkipped());
            assertEquals(1, s.summary().splitsReplayed());
            assertEquals(2, s.summary().attempt());
        }
    }
}
