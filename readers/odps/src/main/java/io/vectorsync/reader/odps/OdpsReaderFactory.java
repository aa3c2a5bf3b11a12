package io.vectorsync.reader.odps;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.ReaderFactory;
import java.util.List;

/** The {@code odps} reader: MaxCompute tables through the table tunnel. */
public final class OdpsReaderFactory implements ReaderFactory {
    @Override
    public String name() {
        return "odps";
    }

    @Override
    public List<String> aliases() {
        return List.of("maxcompute");
    }

    @Override
    public String description() {
        return "Reads MaxCompute (ODPS) tables and partitions through the table tunnel";
    }

    @Override
    public ConfigSpec configSpec() {
        return OdpsOptions.spec();
    }

    @Override
    public Reader create(PluginConfig config, PluginContext context) {
        return new OdpsReader(config, context);
    }
}
