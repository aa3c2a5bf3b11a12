package io.vectorsync.reader.stream;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.ReaderFactory;

/**
 * The {@code stream} reader: emits {@code sliceRecordCount} copies of one constant record per slice, for tests and
 * benchmarks (DataX streamreader).
 */
public final class StreamReaderFactory implements ReaderFactory {
    @Override
    public String name() {
        return "stream";
    }

    @Override
    public String description() {
        return "Synthetic constant records for tests and benchmarks (DataX streamreader)";
    }

    @Override
    public ConfigSpec configSpec() {
        return StreamReaderOptions.SPEC;
    }

    @Override
    public Reader create(PluginConfig config, PluginContext context) {
        return new StreamReader(config, context);
    }
}
