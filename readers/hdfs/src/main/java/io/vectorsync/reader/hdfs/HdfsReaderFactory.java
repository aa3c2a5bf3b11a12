package io.vectorsync.reader.hdfs;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.ReaderFactory;

/** The {@code hdfs} reader: text, csv, ORC and Parquet files from HDFS through Hadoop's client. */
public final class HdfsReaderFactory implements ReaderFactory {
    @Override
    public String name() {
        return "hdfs";
    }

    @Override
    public String description() {
        return "Reads text, CSV, ORC and Parquet files from HDFS (paths, directories and globs; one split per file).";
    }

    @Override
    public ConfigSpec configSpec() {
        return HdfsOptions.SPEC;
    }

    @Override
    public Reader create(PluginConfig config, PluginContext context) {
        return new HdfsReader(config, context);
    }
}
