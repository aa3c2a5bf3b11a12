package io.vectorsync.core.testplugins;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.transform.TransformerFactory;
import java.util.List;
import java.util.Locale;

/**
 * Test transformer "upper": appends {@code outputColumn} = upper-case of {@code column}; a value equal to
 * {@code dirtyValue} is reported dirty, one starting with {@code filterPrefix} is filtered. A value equal to
 * {@code failOn} fails the call, after latch {@code awaitLatch} (when set) is counted down.
 */
public final class UpperTransformerFactory implements TransformerFactory {
    static final Option<String> COLUMN = Option.stringOption("column").required().description("Source column.").build();
    static final Option<String> OUTPUT = Option.stringOption("outputColumn").defaultValue("upper").description("Output.").build();
    static final Option<String> DIRTY_VALUE = Option.stringOption("dirtyValue").description("Dirty marker.").build();
    static final Option<String> FILTER_PREFIX = Option.stringOption("filterPrefix").description("Filter.").build();
    static final Option<String> FAIL_ON = Option.stringOption("failOn").description("Fail on this value.").build();
    static final Option<String> AWAIT_LATCH = Option.stringOption("awaitLatch").description("Latch awaited before failing.").build();

    @Override
    public String name() {
        return "upper";
    }

    @Override
    public String description() {
        return "Upper-cases a column.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().add(COLUMN, OUTPUT, DIRTY_VALUE, FILTER_PREFIX, FAIL_ON, AWAIT_LATCH).build();
    }

    @Override
    public Transformer create(PluginConfig config, io.vectorsync.api.transform.TransformerContext context) {
        String column = config.get(COLUMN);
        String dirtyValue = config.get(DIRTY_VALUE);
        String filterPrefix = config.get(FILTER_PREFIX);
        String failOn = config.get(FAIL_ON);
        String awaitLatch = config.get(AWAIT_LATCH);
        return new Transformer() {
            Schema out;
            int position;

            @Override
            public Schema outputSchema(Schema input) {
                if (input.indexOf(column) < 0) {
                    throw PluginException.config("column", "no field \"" + column + "\"; available fields: " + input.names());
                }
                position = input.indexOf(column);
                out = input.toBuilder().put(Field.of(config.get(OUTPUT), DataType.STRING)).build();
                return out;
            }

            @Override
            public void transform(List<Row> batch, TransformOutput output) throws InterruptedException {
                for (Row r : batch) {
                    String v = (String) r.get(position);
                    if (v != null && v.equals(failOn)) {
                        if (awaitLatch != null) {
                            Latches.get(awaitLatch).await();
                        }
                        throw new PluginException(CommonErrorCode.EXTERNAL_FAILED, "the model refused " + v);
                    }
                    if (v != null && v.equals(dirtyValue)) {
                        context.dirtyRecords().report(r, CommonErrorCode.CONVERSION_FAILED, "value " + v + " is bad");
                    } else if (v != null && filterPrefix != null && v.startsWith(filterPrefix)) {
                        output.filter(r);
                    } else {
                        output.emit(r.toBuilder().widen(out).set(config.get(OUTPUT),
                                v == null ? null : v.toUpperCase(Locale.ROOT)).build());
                    }
                }
            }
        };
    }
}
