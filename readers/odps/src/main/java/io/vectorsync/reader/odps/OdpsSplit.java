package io.vectorsync.reader.odps;

import io.vectorsync.api.reader.Split;

/**
 * A record range of one download session (one partition, the whole table, or the result of the {@code where}
 * query). Carries what re-opens the session in another reader or process: the session id, the SQL instance id,
 * the table and the partition.
 *
 * @param table      {@code project.table}
 * @param sessionId  the tunnel download session's id
 * @param instanceId the SQL instance whose result is downloaded (instance tunnel), or "" for the table tunnel
 * @param partition  the partition spec as text, or "" for a non-partitioned table or a query result
 * @param start      first record
 * @param count      number of records
 */
public record OdpsSplit(String table, String sessionId, String instanceId, String partition, long start, long count)
        implements Split {
    @Override
    public String id() {
        return (instanceId.isEmpty() ? "" : "query " + instanceId + " ")
                + (partition.isEmpty() ? "" : partition + " ") + "records " + start + "-" + (start + count - 1);
    }

    @Override
    public long estimatedRecords() {
        return count;
    }
}
