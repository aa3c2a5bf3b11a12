package io.vectorsync.reader.oss;

import com.aliyun.oss.OSS;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Schema;
import io.vectorsync.reader.format.FileColumn;
import io.vectorsync.reader.format.OrcSplitReader;
import io.vectorsync.reader.format.ParquetSplitReader;
import io.vectorsync.reader.format.RowMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fileFormat: parquet | orc}: objects read by the same Parquet/ORC code as the hdfs reader
 * (readers/format-common) through {@link OssRangedFileSystem}, so only the footers and the column chunks (Parquet)
 * or stripes (ORC) of the needed columns are fetched, with ranged GETs. Columns are {@code {index|value, type,
 * name, format}} entries, {@code index} being the position in the file's schema, as in DataWorks/DataX; {@code
 * ["*"]} takes the first object's columns with their own types.
 */
final class OssColumnar {
    private final String format;
    private final List<FileColumn> columns;
    private final PluginContext context;

    OssColumnar(String format, List<FileColumn> columns, PluginContext context) {
        this.format = format;
        this.columns = columns;
        this.context = context;
    }

    /**
     * The {@code column} entries (validated by the oss spec, whose keys are the same) read by the shared
     * {@link FileColumn} rules; null for {@code ["*"]} or no list.
     */
    static List<FileColumn> parseColumns(List<io.vectorsync.api.config.PluginConfig> raw) {
        if (raw == null) {
            return null;
        }
        List<io.vectorsync.api.config.PluginConfig> rebound = new java.util.ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            rebound.add(FileColumn.ELEMENT.bind("column[" + i + "]", raw.get(i).raw()));
        }
        return FileColumn.parse(rebound);
    }

    /** The columns as given, or null for every column of the file. */
    List<FileColumn> columns() {
        return columns;
    }

    static Schema schemaOf(List<FileColumn> columns) {
        Schema.Builder b = Schema.builder();
        columns.forEach(c -> b.field(c.name(), c.type()));
        return b.build();
    }

    OssRangedFileSystem fileSystem(OSS client, String bucket, List<OssObjectLister.ObjectInfo> objects) {
        Map<String, OssObjectLister.ObjectInfo> byKey = new LinkedHashMap<>();
        objects.forEach(o -> byKey.put(o.key(), o));
        return new OssRangedFileSystem(client, bucket, byKey);
    }

    /** The first object's columns and types, for {@code column: ["*"]}. */
    Schema fileSchema(OssRangedFileSystem fs, String bucket, OssObjectLister.ObjectInfo first) {
        String path = OssRangedFileSystem.path(bucket, first.key());
        try {
            if (format.equals("orc")) {
                try (org.apache.orc.Reader r = OrcSplitReader.open(fs, path)) {
                    return OrcSplitReader.fileSchema(r.getSchema());
                }
            }
            return ParquetSplitReader.schema(ParquetSplitReader.footerSchema(
                    ParquetSplitReader.inputFile(fs, path, first.size())));
        } catch (IOException e) {
            throw new PluginException(OssErrorCode.CORRUPT_OBJECT, "step \"" + context.stepName() + "\": cannot read "
                    + "the " + format + " footer of " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads one whole object. */
    SplitReader open(OssRangedFileSystem fs, String bucket, OssSplit split, Schema schema) throws IOException {
        RowMapper mapper = new RowMapper(schema, columns, StandardCharsets.UTF_8, null, context.dirtyRecords());
        String path = OssRangedFileSystem.path(bucket, split.key());
        return format.equals("orc") ? new OrcSplitReader(fs, path, split.objectSize(), mapper, columns, schema)
                : new ParquetSplitReader(fs, path, split.objectSize(), mapper, columns, schema);
    }
}
