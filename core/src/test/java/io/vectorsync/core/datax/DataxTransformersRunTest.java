package io.vectorsync.core.datax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.record.Row;
import io.vectorsync.core.Engine;
import io.vectorsync.core.Jobs;
import io.vectorsync.core.job.InvalidJobException;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import io.vectorsync.core.testplugins.CollectWriterFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in DataX transformers in a running job: changed fields, filtered and dirty rows, counted. */
class DataxTransformersRunTest {
    @TempDir
    Path dir;

    private Engine engine() {
        return Engine.builder().dirtyFile(dir.resolve("dirty.jsonl"))
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
    }

    private static String job(String sink, String transformers) {
        return Jobs.job("'count':1000", transformers, "'sink':'" + sink + "'", "'errorLimit':{'record':'1000'}");
    }

    @Test
    void substrFilterAndPadRunInOrderAndCountTheirRows() throws Exception {
        String sink = UUID.randomUUID().toString();
        // gen's rows: id 0..999, text "row-<id>"
        Path file = Jobs.write(dir, "dx", job(sink,
                "{'stepType':'dx_substr','category':'flatmap','name':'cut','parameter':{'columnIndex':1,'paras':['4','3']}},"
                        + "{'stepType':'dx_filter','category':'flatmap','name':'keep','parameter':{'columnIndex':0,'paras':['>=','100']}},"
                        + "{'stepType':'dx_pad','category':'flatmap','name':'pad','parameter':{'columnIndex':1,'paras':['l','5','0']}}"));
        JobResult r = engine().run(file);
        assertTrue(r.succeeded(), r.error());
        List<Row> rows = CollectWriterFactory.sink(sink);
        assertEquals(100, rows.size(), "ids 0..99 kept, 100..999 filtered");
        assertEquals(900, r.filteredRecords());
        assertEquals(100, r.recordsWritten());
        Row seven = rows.stream().filter(row -> (Long) row.get("id") == 7L).findFirst().orElseThrow();
        assertEquals("00007", seven.get("text"));
    }

    @Test
    void aValueTheFunctionCannotTakeIsDirtyAndBadParasAreInvalid() throws Exception {
        String sink = UUID.randomUUID().toString();
        // "row-5" has 5 characters: start 5 is its end (empty), start 6 is out of range for ids 0..9
        Path file = Jobs.write(dir, "dirty", job(sink,
                "{'stepType':'dx_substr','category':'flatmap','name':'cut','parameter':{'columnIndex':1,'paras':['6','1']}}"));
        JobResult r = engine().run(file);
        assertTrue(r.succeeded(), r.error());
        assertEquals(10, r.dirtyRecords());
        assertEquals(990, CollectWriterFactory.sink(sink).size());

        InvalidJobException e = assertThrows(InvalidJobException.class, () -> engine().validate(Jobs.write(dir, "bad",
                job(sink, "{'stepType':'dx_pad','category':'flatmap','name':'pad','parameter':{'columnIndex':7,'paras':['l','5','0']}}"))));
        assertTrue(e.getMessage().contains("7 is beyond the 2 fields of the records [id, text]"), e.getMessage());
    }
}
