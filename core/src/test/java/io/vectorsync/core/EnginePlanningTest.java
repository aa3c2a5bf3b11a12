package io.vectorsync.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.core.job.InvalidJobException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything {@code validate} catches offline, reported at once with JSON paths. */
class EnginePlanningTest {
    @TempDir
    Path dir;

    private Engine engine() {
        return Engine.builder().pluginDirs(List.of()).build();
    }

    @Test
    void unknownParameterGetsDidYouMeanAndPath() throws Exception {
        Path job = Jobs.write(dir, "j", Jobs.job("'count':10,'splts':2", "", "'sink':'s'", ""));
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> engine().validate(job));
        assertTrue(e.getMessage().contains("$.steps[0].parameter.splts"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean \"splits\""), e.getMessage());
    }

    @Test
    void everyProblemOfEveryStepAtOnce() throws Exception {
        Path job = Jobs.write(dir, "j", Jobs.job("'count':'ten'",
                "{'stepType':'uper','category':'flatmap','name':'t','parameter':{}}", "'sinkk':'s'", ""));
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> engine().validate(job));
        String m = e.getMessage();
        assertTrue(m.contains("$.steps[0].parameter.count: expected a long, got \"ten\""), m);
        assertTrue(m.contains("unknown transformer \"uper\"; did you mean \"upper\"?"), m);
        // the test class path also holds embedding-transformer (for EstimateTest)
        assertTrue(m.matches("(?s).*installed transformers: \\[[^]]*upper\\].*"), m);
        assertTrue(m.contains("$.steps[2].parameter.sinkk"), m);
        assertTrue(m.contains("$.steps[2].parameter.sink: required parameter is missing"), m);
    }

    @Test
    void unknownColumnFailsAtPlanningListingTheAvailableFields() throws Exception {
        Path job = Jobs.write(dir, "j", Jobs.job("'count':10",
                "{'stepType':'upper','category':'flatmap','name':'up','parameter':{'column':'titel'}}",
                "'sink':'s','column':['id','upper']", ""));
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> engine().validate(job));
        assertTrue(e.getMessage().contains("no field \"titel\"; available fields: [id, text]"), e.getMessage());
    }

    @Test
    void writerColumnsAreCheckedAgainstTheTransformedSchema() throws Exception {
        Path ok = Jobs.write(dir, "ok", Jobs.job("'count':'10'",
                "{'stepType':'upper','category':'flatmap','name':'up','parameter':{'column':'text'}}",
                "'sink':'s','column':['id','upper']", "'speed':{'concurrent':'2'}"));
        assertEquals(3, engine().validate(ok).steps().size());
        Path bad = Jobs.write(dir, "bad", Jobs.job("'count':'10'", "", "'sink':'s','column':['id','upper']", ""));
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> engine().validate(bad));
        assertTrue(e.getMessage().contains("no field \"upper\" upstream; available fields: [id, text]"), e.getMessage());
    }

    @Test
    void unknownReaderListsInstalledReaders() throws Exception {
        Path job = Jobs.write(dir, "j", "{'steps':[{'stepType':'mysql','category':'reader','parameter':{}},"
                + "{'stepType':'collect','category':'writer','parameter':{'sink':'x'}}]}");
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> engine().validate(job));
        assertTrue(e.getMessage().contains("unknown reader \"mysql\"; installed readers: [gen]"), e.getMessage());
    }
}
