package io.vectorsync.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.core.stats.SecretMasker;
import io.vectorsync.core.stats.StepMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirtyRecordsTest {
    @TempDir
    Path dir;

    @Test
    void theFileHoldsOnlyWholeLinesWhileWritingAndEveryLineAfterClose() throws Exception {
        Path file = dir.resolve("dirty.jsonl");
        ObjectMapper mapper = new ObjectMapper();
        StepMetrics step = new StepMetrics("Reader", "localfile", "reader");
        DirtyRecords dirty = new DirtyRecords(file, null, mapper, new SecretMasker());
        String longLine = "y".repeat(777); // lines of odd length, so no chunk ends at a line end by chance
        for (int i = 0; i < 1000; i++) {
            dirty.report(step, null, i + " " + longLine, CommonErrorCode.MALFORMED_RECORD, "line " + i + " is bad");
            String onDisk = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            assertTrue(onDisk.isEmpty() || onDisk.endsWith("\n"), "a cut line on disk after record " + i);
        }
        dirty.close();
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
        assertEquals(1000, lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertEquals(i + " " + longLine, mapper.readTree(lines[i]).get("raw").asText());
        }
        assertEquals(1000, step.dirty());
    }
}
