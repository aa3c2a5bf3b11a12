package io.vectorsync.reader.localfile;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.ReaderFactory;

/** The {@code localfile} reader: csv, text and JSON-lines files on the local file system (DataX txtfilereader). */
public final class LocalFileReaderFactory implements ReaderFactory {
    @Override
    public String name() {
        return "localfile";
    }

    @Override
    public String description() {
        return "Reads csv, text and JSON-lines files (plain, gzip, bzip2, zip) from the local file system";
    }

    @Override
    public ConfigSpec configSpec() {
        return LocalFileReaderOptions.SPEC;
    }

    @Override
    public Reader create(PluginConfig config, PluginContext context) {
        return new LocalFileReader(config, context);
    }
}
