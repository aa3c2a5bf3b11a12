package io.vectorsync.reader.oss;

import io.vectorsync.api.reader.SplitCodec;
import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import io.vectorsync.api.Metrics;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Schema;
import io.vectorsync.reader.text.TextEscapes;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads objects of one OSS bucket. Objects are resolved once (wildcards listed), each object is at least one
 * split; large uncompressed text/jsonl objects are cut into byte ranges aligned to lines so several streams
 * read one object in parallel.
 */
final class OssReader implements Reader {
    private final PluginConfig config;
    private final PluginContext context;
    private final long minRangeBytes;
    private final List<OssColumn> columns;
    private Schema schema;
    /** parquet and orc, else null. */
    private final OssColumnar columnar;
    private OssRangedFileSystem rangedFs;
    private final String format;
    private final String compress;
    private final Charset charset;
    private final String endpoint;
    private final String bucket;
    private OSS client;
    private List<OssObjectLister.ObjectInfo> objects;

    OssReader(PluginConfig config, PluginContext context, long minRangeBytes) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.context = Objects.requireNonNull(context, "context is null");
        this.minRangeBytes = minRangeBytes;
        this.format = config.get(OssOptions.FILE_FORMAT).toLowerCase(Locale.ROOT);
        this.compress = config.get(OssOptions.COMPRESS) == null ? null
                : config.get(OssOptions.COMPRESS).toLowerCase(Locale.ROOT);
        if (config.get(OssOptions.OBJECT) == null && config.get(OssOptions.PATH) == null) {
            throw PluginException.config("object", "name the objects to read with \"object\" (or \"path\", as "
                    + "DataWorks spells it for parquet and orc)");
        }
        config.getIfSet(OssOptions.PARQUET_SCHEMA).filter(x -> !x.isBlank()).ifPresent(ps -> {
            try {
                org.apache.parquet.schema.MessageTypeParser.parseMessageType(ps);
            } catch (RuntimeException e) {
                throw PluginException.config("parquetSchema", "is not a Parquet message schema: " + e.getMessage());
            }
        });
        if (format.equals("parquet") || format.equals("orc")) {
            if (compress != null) {
                throw PluginException.config("compress", "applies to csv, text and jsonl; " + format + " files "
                        + "compress their column chunks themselves: remove \"compress\"");
            }
            this.columns = null;
            this.columnar = new OssColumnar(format, OssColumnar.parseColumns(config.get(OssOptions.COLUMN)),
                    context);
            this.schema = columnar.columns() == null ? null : OssColumnar.schemaOf(columnar.columns());
        } else {
            this.columnar = null;
            this.columns = OssColumn.parse(config.get(OssOptions.COLUMN), format);
            this.schema = OssColumn.schema(columns);
        }
        this.charset = Charset.forName(config.get(OssOptions.ENCODING));
        this.endpoint = config.get(OssOptions.ENDPOINT);
        this.bucket = config.get(OssOptions.BUCKET);
    }

    /** The schema; parquet/orc with {@code ["*"]} read the first object's footer (ranged GETs) to learn it. */
    @Override
    public synchronized Schema schema() {
        if (schema == null) {
            if (objects().isEmpty()) {
                throw PluginException.config("column", "[\"*\"] takes the columns from the first object, but no "
                        + "object matches; list the columns with index and type");
            }
            schema = columnar.fileSchema(rangedFs(), bucket, objects().get(0));
        }
        return schema;
    }

    private synchronized OssRangedFileSystem rangedFs() {
        if (rangedFs == null) {
            rangedFs = columnar.fileSystem(client(), bucket, objects());
        }
        return rangedFs;
    }

    private synchronized OSS client() {
        if (client == null) {
            ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
            conf.setMaxErrorRetry(3);
            conf.setConnectionTimeout(10_000);
            conf.setSocketTimeout(60_000);
            conf.setMaxConnections(Math.max(16, context.concurrency() * 2));
            Secret token = config.get(OssOptions.SECURITY_TOKEN);
            DefaultCredentialProvider credentials = token == null || token.isEmpty()
                    ? new DefaultCredentialProvider(config.get(OssOptions.ACCESS_ID),
                    config.get(OssOptions.ACCESS_KEY).reveal())
                    : new DefaultCredentialProvider(config.get(OssOptions.ACCESS_ID),
                    config.get(OssOptions.ACCESS_KEY).reveal(), token.reveal());
            client = new OSSClientBuilder().build(endpoint, credentials, conf);
        }
        return client;
    }

    private synchronized List<OssObjectLister.ObjectInfo> objects() {
        if (objects == null) {
            objects = new OssObjectLister(client(), context.stepName(), endpoint, bucket)
                    .resolve(config.get(OssOptions.OBJECT) != null ? config.get(OssOptions.OBJECT)
                            : config.get(OssOptions.PATH));
        }
        return objects;
    }

    /** Resolves the objects: the bucket exists, the credentials work and every key or pattern matches. */
    @Override
    public void check() {
        objects();
    }

    @Override
    public SplitCodec splitCodec() {
        return SplitCodec.of(1, OssSplit.class, (s, out) -> {
            out.writeUTF(s.key());
            out.writeLong(s.objectSize());
            out.writeUTF(s.etag() == null ? "" : s.etag());
            out.writeLong(s.start());
            out.writeLong(s.end());
        }, in -> {
            String key = in.readUTF();
            long size = in.readLong();
            String etag = in.readUTF();
            return new OssSplit(key, size, etag.isEmpty() ? null : etag, in.readLong(), in.readLong());
        });
    }

    @Override
    public List<? extends Split> planSplits(int suggestedParallelism) {
        List<OssObjectLister.ObjectInfo> objs = objects();
        long total = 0;
        for (OssObjectLister.ObjectInfo o : objs) {
            total += o.size();
        }
        // parquet/orc objects are read whole (their column chunks by ranged GETs), never cut into byte ranges
        boolean rangeable = compress == null && !format.equals("csv") && columnar == null;
        long chunk = Math.max(minRangeBytes, (total + Math.max(1, suggestedParallelism) - 1)
                / Math.max(1, suggestedParallelism));
        long splitSize = config.get(OssOptions.SPLIT_SIZE);
        List<OssSplit> splits = new ArrayList<>();
        for (OssObjectLister.ObjectInfo o : objs) {
            long ranges = 1;
            if (rangeable && o.size() > splitSize) {
                // fine enough to resume: no range much larger than splitSize
                ranges = (o.size() + splitSize - 1) / splitSize;
            }
            if (rangeable && objs.size() < suggestedParallelism && o.size() >= 2 * minRangeBytes) {
                // fewer objects than streams: share the large ones
                ranges = Math.max(ranges, Math.min((o.size() + chunk - 1) / chunk, o.size() / minRangeBytes));
            }
            if (ranges <= 1) {
                splits.add(new OssSplit(o.key(), o.size(), o.etag(), 0, o.size()));
                continue;
            }
            long size = (o.size() + ranges - 1) / ranges;
            for (long start = 0; start < o.size(); start += size) {
                splits.add(new OssSplit(o.key(), o.size(), o.etag(), start, Math.min(o.size(), start + size)));
            }
        }
        return splits;
    }

    @Override
    public SplitReader open(Split split) throws Exception {
        OssSplit s = (OssSplit) split;
        if (columnar != null) {
            return columnar.open(rangedFs(), bucket, s, schema());
        }
        Metrics.Counter retries = context.metrics().counter(Metrics.RETRIES);
        long from = s.start() > 0 ? s.start() - 1 : 0;
        InputStream raw = new OssObjectStream(client(), context.stepName(), endpoint, bucket, s, from, retries,
                context::stopRequested);
        OssLineParser parser = new OssLineParser(columns, format,
                TextEscapes.unescape(config.get(OssOptions.FIELD_DELIMITER)), config.get(OssOptions.NULL_FORMAT));
        return new OssSplitReader(s, raw, compress, config.get(OssOptions.SKIP_HEADER), charset, schema, parser,
                context);
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }
}
