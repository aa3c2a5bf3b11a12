package io.vectorsync.reader.stream;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import java.util.List;

/** The parameters of the {@code stream} reader (DataX streamreader's names). */
final class StreamReaderOptions {
    static final Option<List<Object>> COLUMN = Option.listOption("column").required()
            .description("The constant columns of every record: objects {\"type\": long | double | string | bool | date"
                    + " | bytes (default string), \"value\": the constant, \"dateFormat\": for date (default"
                    + " \"yyyy-MM-dd HH:mm:ss\", read in the system time zone), \"name\": the field name (default"
                    + " col<i>)}.")
            .build();

    static final Option<Long> SLICE_RECORD_COUNT = Option.longOption("sliceRecordCount").required()
            .check(n -> n >= 1, "must be at least 1")
            .description("Records each slice emits. There is one slice per stream (setting.speed.concurrent), so a"
                    + " job emits concurrent × sliceRecordCount records.")
            .build();

    static final ConfigSpec SPEC = ConfigSpec.builder().add(COLUMN, SLICE_RECORD_COUNT).build();

    private StreamReaderOptions() {
    }
}
