package io.vectorsync.transformer.embedding;

import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.params;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vectorsync.api.record.Row;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code persistentCache.url}: a store on a real PostgreSQL server (embedded, started once for the class) shared by
 * several machines, here two steps with their own disk caches off.
 */
class SharedPostgresCacheTest {
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        File work = new File("target/embedded-pg");
        work.mkdirs();
        pg = EmbeddedPostgres.builder().setOverrideWorkingDirectory(work)
                .setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off").start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static String url() {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }

    @BeforeEach
    void empty() throws Exception {
        sql("DROP TABLE IF EXISTS " + PostgresVectorStore.TABLE);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url(), "postgres", ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static Map<String, Object> shared() {
        return params("persistentCache", Map.of("url", url(), "user", "postgres"));
    }

    private static List<Row> rows(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row(i, "shared text " + i, ""));
        }
        return rows;
    }

    @Test
    void aSecondMachineReusesTheVectorsOfTheFirst() throws Exception {
        FakeEmbeddingModelFactory first = new FakeEmbeddingModelFactory();
        EmbeddingTestSupport.run(first, shared(), rows(120), 40);
        assertEquals(120, first.textsSent().size());

        FakeEmbeddingModelFactory second = new FakeEmbeddingModelFactory();
        var result = EmbeddingTestSupport.run(second, shared(), rows(120), 40);
        assertEquals(List.of(), second.calls(), "all 120 vectors came from the shared store");
        assertEquals(120, result.context().counter(VectorResolver.PERSISTENT_CACHE_HITS));
        for (Row r : result.records()) {
            EmbeddingTestSupport.assertVectorOf((String) r.get("title"), r);
        }
    }

    @Test
    void aCorruptRowIsNeverReturned() throws Exception {
        EmbeddingTestSupport.run(new FakeEmbeddingModelFactory(), shared(), rows(30), 40);
        // damage one float of every row (byte 20 is inside the first float after the 17-byte header)
        sql("UPDATE " + PostgresVectorStore.TABLE + " SET value = set_byte(value, 20, get_byte(value, 20) # 16)");
        FakeEmbeddingModelFactory again = new FakeEmbeddingModelFactory();
        var result = EmbeddingTestSupport.run(again, shared(), rows(30), 40);
        assertEquals(30, again.textsSent().size(), "every damaged vector was embedded again");
        for (Row r : result.records()) {
            EmbeddingTestSupport.assertVectorOf((String) r.get("title"), r);
        }
        FakeEmbeddingModelFactory third = new FakeEmbeddingModelFactory();
        EmbeddingTestSupport.run(third, shared(), rows(30), 40);
        assertEquals(List.of(), third.calls(), "the re-embedded vectors replaced the damaged rows");
    }
}
