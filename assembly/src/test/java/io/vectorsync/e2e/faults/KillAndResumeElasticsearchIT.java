package io.vectorsync.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.testkit.servers.SearchServerLauncher;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection against the real distribution: localfile → onnx → Elasticsearch ({@code actionType: index} with
 * ids, {@code cleanup: true}) killed with SIGKILL during prepare, at ~30 % and at ~90 % of the records, then rerun
 * with {@code --resume}. The index must then equal a clean run's index (same ids, texts and vectors, same count), the
 * resumed run must have read fewer records than the input (except after the kill during prepare), and the journalled
 * prepare must not have wiped what the killed run had written ({@code cleanup} deletes the index).
 */
class KillAndResumeElasticsearchIT extends KillAndResumeContract {
    private static SearchServerLauncher.Server es;
    private static Map<String, JsonNode> clean;

    @TempDir
    static Path shared;

    @BeforeAll
    static void startElasticsearchAndRunCleanJob() throws Exception {
        es = SearchServerLauncher.of(SearchServerLauncher.Flavor.ELASTICSEARCH,
                Path.of(System.getProperty("vectorsync.es.home"))).start();
        Path input = FaultJobs.input(shared);
        Path job = FaultJobs.elasticsearchJob(shared, input, 0);
        FaultJobs.Run r = FaultJobs.run(shared, "clean", job, "-p", "ES_ENDPOINT=" + es.url(), "-p", "INDEX=clean");
        assertEquals(0, r.exitCode(), r.stderr());
        clean = FaultJobs.documents(es.url(), "clean");
        assertEquals(FaultJobs.ROWS, clean.size());
    }

    @AfterAll
    static void stop() throws Exception {
        if (es != null) {
            es.close();
        }
    }

    @Override
    protected Path slowJob(Path dir, Path input) throws Exception {
        return FaultJobs.elasticsearchJob(dir, input, FaultJobs.SLOW_RECORDS_PER_SECOND);
    }

    @Override
    protected String[] params(String index) {
        return new String[] {"-p", "ES_ENDPOINT=" + es.url(), "-p", "INDEX=" + index};
    }

    @Override
    protected void assertSameAsCleanRun(String index) throws Exception {
        FaultJobs.assertSameDocuments(clean, FaultJobs.documents(es.url(), index));
    }
}
