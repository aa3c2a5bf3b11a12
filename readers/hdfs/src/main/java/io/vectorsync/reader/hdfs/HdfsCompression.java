package io.vectorsync.reader.hdfs;

import io.vectorsync.api.error.PluginException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.DefaultCodec;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.io.compress.SnappyCodec;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * Decompression of text/csv files: Hadoop's codecs for gzip, bzip2, hadoop-snappy and deflate; commons-compress
 * for framing-snappy and zstd; zip archives are opened by the caller entry by entry.
 */
final class HdfsCompression {
    private HdfsCompression() {
    }

    /** The decompressed stream, and whether it is a zip archive still to be opened entry by entry. */
    record Opened(InputStream stream, boolean zip) {
    }

    /**
     * Wraps {@code in}. {@code compress} null means: by the file suffix (.gz, .bz2, .snappy, .deflate, .zst,
     * .zip), else none.
     */
    static Opened open(InputStream in, Path path, String compress, Configuration conf) throws IOException {
        String c = compress == null ? bySuffix(path.getName()) : compress;
        switch (c) {
            case "none":
                return new Opened(in, false);
            case "zip":
                return new Opened(in, true);
            case "framing-snappy":
                return new Opened(new FramedSnappyCompressorInputStream(in), false);
            case "zstd":
                return new Opened(new ZstdCompressorInputStream(in), false);
            case "gzip":
                return hadoop(GzipCodec.class, in, conf);
            case "bzip2": case "bz2":
                return hadoop(BZip2Codec.class, in, conf);
            case "snappy": case "hadoop-snappy":
                return hadoop(SnappyCodec.class, in, conf);
            case "deflate":
                return hadoop(DefaultCodec.class, in, conf);
            default:
                throw PluginException.config("compress", "unsupported compression \"" + c + "\"");
        }
    }

    private static Opened hadoop(Class<? extends CompressionCodec> type, InputStream in, Configuration conf)
            throws IOException {
        CompressionCodec codec = ReflectionUtils.newInstance(type, conf);
        return new Opened(codec.createInputStream(in), false);
    }

    static String bySuffix(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".gz")) {
            return "gzip";
        }
        if (n.endsWith(".bz2")) {
            return "bzip2";
        }
        if (n.endsWith(".snappy")) {
            return "snappy";
        }
        if (n.endsWith(".deflate")) {
            return "deflate";
        }
        if (n.endsWith(".zst")) {
            return "zstd";
        }
        if (n.endsWith(".zip")) {
            return "zip";
        }
        return "none";
    }
}
