package io.vectorsync.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.Jobs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code run --resume[=force] [--state-dir DIR]}: arguments, refusals and the report's resume object. */
class ResumeCliTest extends CliTestBase {
    @Test
    void aSuccessfulResumableRunReportsItsAttemptAndRemovesItsState() throws Exception {
        Path job = Jobs.write(dir, "r", Jobs.job("'count':300,'splits':3", "", "'sink':'cli-resume','idempotent':true",
                "'speed':{'concurrent':1}"));
        Path state = dir.resolve("state");
        Path report = dir.resolve("report.json");
        Outcome o = cli("run", job.toString(), "--resume", "--state-dir", state.toString(), "--report",
                report.toString(), "--progress-interval", "0");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("resume: attempt 1, 3 split(s): 0 skipped"), o.err());
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertEquals(1, r.at("/resume/attempt").asInt());
        assertEquals(3, r.at("/resume/splits").asInt());
        try (var left = Files.list(state)) {
            assertFalse(left.findAny().isPresent(), "the state is removed after a successful run");
        }
    }

    @Test
    void badArgumentsAndNonIdempotentWritersAreRefused() throws Exception {
        Path job = Jobs.write(dir, "n", Jobs.job("'count':10", "", "'sink':'cli-resume-n'", ""));
        Outcome bogus = cli("run", job.toString(), "--resume=maybe");
        assertEquals(2, bogus.code());
        assertTrue(bogus.err().contains("--resume takes no value or \"force\""), bogus.err());
        Outcome stateOnly = cli("run", job.toString(), "--state-dir", dir.resolve("s").toString());
        assertEquals(2, stateOnly.code());
        assertTrue(stateOnly.err().contains("--state-dir only applies with --resume"), stateOnly.err());
        Outcome refused = cli("run", job.toString(), "--resume", "--state-dir", dir.resolve("s").toString(),
                "--progress-interval", "0");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("--resume is refused: the writer Writer (collect)"), refused.err());
    }
}
