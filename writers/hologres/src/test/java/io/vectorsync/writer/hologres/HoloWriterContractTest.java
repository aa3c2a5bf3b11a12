package io.vectorsync.writer.hologres;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.testkit.contract.WriterContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writer contract of the test kit, on the Hologres writer against the embedded PostgreSQL of the other tests:
 * a table with a primary key per test. Rows go out batch by batch, so an aborted run may leave the batches already
 * sent (README, "Failed runs").
 */
class HoloWriterContractTest extends WriterContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private String table;

    @Override
    protected WriterFactory factory() {
        return new HoloWriterFactory();
    }

    @Override
    protected Map<String, Object> params() {
        table = "contract_" + TABLES.incrementAndGet();
        try {
            HoloTestDatabase.exec("DROP TABLE IF EXISTS " + table,
                    "CREATE TABLE " + table + " (id bigint PRIMARY KEY, text text)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> p = HoloTestDatabase.params(table);
        p.put("column", List.of("id", "text"));
        return p;
    }

    @Override
    protected List<String> readTarget() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = HoloTestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM " + table)) {
            while (rs.next()) {
                ids.add(Long.toString(rs.getLong(1)));
            }
        }
        return ids;
    }

    @Override
    protected AbortOutcome abortLeaves() {
        return AbortOutcome.SOME_OF_THE_WRITTEN;
    }

    @Override
    protected BindMismatch bindMismatch() {
        return new BindMismatch(Schema.builder().field("id", DataType.INT64).build(), "text");
    }
}
