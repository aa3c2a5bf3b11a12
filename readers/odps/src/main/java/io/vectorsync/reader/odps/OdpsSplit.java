package io.vectorsync.reader.odps;

import io.vectorsync.api.reader.Split;

/**
 * A record range of one download session (one partition, or the whole table). Carries what re-opens the session
 * in another reader or process: the session id, the table and the partition.
 *
 * @param table     {@code project.table}
 * @param sessionId the tunnel download session's id
 * @param partition the partition spec as text, or "" for a non-partitioned table
 * @param start     first record
 * @param count     number of records
 */
public record OdpsSplit(String table, String sessionId, String partition, long start, long count) implements Split {
    @Override
    public String id() {
        return (partition.isEmpty() ? "" : partition + " ") + "records " + start + "-" + (start + count - 1);
    }

    @Override
    public long estimatedRecords() {
        return count;
    }
}
