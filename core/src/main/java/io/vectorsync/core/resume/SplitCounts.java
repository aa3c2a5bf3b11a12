package io.vectorsync.core.resume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What became of one split's records, journalled when the split is done, so a resumed run's report adds up the
 * final state (done splits of earlier attempts + this attempt) rather than every attempt's work.
 *
 * @param read     records read from the split (emitted plus those the reader reported dirty)
 * @param written  records the writer acknowledged and did not report dirty
 * @param dirty    dirty records of the split, in any step
 * @param filtered records a transformer filtered out
 */
public record SplitCounts(long read, long written, long dirty, long filtered) {
    public static final SplitCounts ZERO = new SplitCounts(0, 0, 0, 0);

    public SplitCounts plus(SplitCounts o) {
        return new SplitCounts(read + o.read, written + o.written, dirty + o.dirty, filtered + o.filtered);
    }

    ObjectNode toEvent(ObjectNode e) {
        return e.put("read", read).put("written", written).put("dirty", dirty).put("filtered", filtered);
    }

    static SplitCounts from(JsonNode e) {
        return new SplitCounts(e.path("read").asLong(), e.path("written").asLong(), e.path("dirty").asLong(),
                e.path("filtered").asLong());
    }
}
