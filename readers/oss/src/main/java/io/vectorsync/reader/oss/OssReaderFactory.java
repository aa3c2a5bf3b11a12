package io.vectorsync.reader.oss;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.ReaderFactory;

/** The {@code oss} reader: text, csv and jsonl objects from Alibaba Cloud OSS. */
public final class OssReaderFactory implements ReaderFactory {
    /** Objects are cut into byte ranges of at least this size when there are fewer objects than streams. */
    static final long DEFAULT_MIN_RANGE_BYTES = 64L << 20;

    private final long minRangeBytes;

    public OssReaderFactory() {
        this(DEFAULT_MIN_RANGE_BYTES);
    }

    OssReaderFactory(long minRangeBytes) {
        this.minRangeBytes = minRangeBytes;
    }

    @Override
    public String name() {
        return "oss";
    }

    @Override
    public String description() {
        return "Reads csv, text and jsonl objects (optionally gzip/bzip2/zip) from Alibaba Cloud OSS";
    }

    @Override
    public ConfigSpec configSpec() {
        return OssOptions.spec();
    }

    @Override
    public Reader create(PluginConfig config, PluginContext context) {
        return new OssReader(config, context, minRangeBytes);
    }
}
