package io.vectorsync.writer.hologres;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Sorts SQL failures: one record's data, transient, or anything else (the job fails). */
final class HoloSqlErrors {
    private HoloSqlErrors() {
    }

    /** SQLSTATE classes 21 (cardinality), 22 (data exception) and 23 (integrity constraint). */
    static boolean isDataError(SQLException e) {
        String s = e.getSQLState();
        return s != null && (s.startsWith("22") || s.startsWith("23") || s.startsWith("21"));
    }

    /** Connection failures, serialization failures, deadlocks, insufficient resources, server shutdown. */
    static boolean isTransient(SQLException e) {
        String s = e.getSQLState();
        if (s == null) {
            return e.getCause() instanceof java.io.IOException;
        }
        return s.startsWith("08") || s.equals("40001") || s.equals("40P01") || s.startsWith("53")
                || s.equals("57P01") || s.equals("57P02") || s.equals("57P03");
    }

    /** The server's message with SQLSTATE and detail, without the JDBC noise. */
    static String describe(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return m.getMessage() + " (SQLSTATE " + m.getSQLState() + ")"
                    + (m.getDetail() == null ? "" : "; " + m.getDetail());
        }
        return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
    }
}
