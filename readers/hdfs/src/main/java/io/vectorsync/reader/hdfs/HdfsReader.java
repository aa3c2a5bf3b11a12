package io.vectorsync.reader.hdfs;

import io.vectorsync.reader.format.FileColumn;
import io.vectorsync.reader.format.RowMapper;
import io.vectorsync.reader.format.ParquetSplitReader;
import io.vectorsync.reader.format.OrcSplitReader;
import io.vectorsync.reader.text.LineRanges;

import io.vectorsync.api.reader.SplitCodec;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Schema;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Reads text, csv, ORC and Parquet files from HDFS, one split per file. The schema comes from the column list;
 * with {@code ["*"]} it is taken from the first matched file (which connects to HDFS at planning): the ORC or
 * Parquet schema, or the first line's field count (names from the header with skipHeader) for text/csv.
 */
final class HdfsReader implements Reader {
    private final PluginConfig config;
    private final PluginContext context;
    private final String fileType;
    private final List<String> paths;
    private final List<FileColumn> columns;
    private final HdfsTextFormat textFormat;
    private final HdfsFileSystem fileSystem;
    private Schema schema;
    private List<FileStatus> files;

    HdfsReader(PluginConfig config, PluginContext context) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.context = Objects.requireNonNull(context, "context is null");
        this.fileType = config.get(HdfsOptions.FILE_TYPE).toLowerCase(Locale.ROOT);
        this.paths = config.get(HdfsOptions.PATH);
        if (paths.isEmpty() || paths.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw PluginException.config("path", "give at least one non-empty path");
        }
        String defaultFs = config.get(HdfsOptions.DEFAULT_FS);
        if (defaultFs == null || defaultFs.isBlank()) {
            for (String p : paths) {
                if (URI.create(p.replace(" ", "%20").replaceAll("[{}\\[\\]*?]", "x")).getScheme() == null) {
                    throw PluginException.config("defaultFS", "is missing and path \"" + p + "\" is not a full URI; "
                            + "set defaultFS (e.g. hdfs://namenode:8020) or a datasource");
                }
            }
        }
        this.columns = FileColumn.parse(config.get(HdfsOptions.COLUMN));
        boolean text = fileType.equals("text") || fileType.equals("csv");
        this.textFormat = text ? HdfsTextFormat.from(config, fileType.equals("csv")) : null;
        this.fileSystem = new HdfsFileSystem(config);
        if (columns != null) {
            Schema.Builder b = Schema.builder();
            columns.forEach(c -> b.field(c.name(), c.type()));
            this.schema = b.build();
            mapper(); // converts the constants now: a bad constant is a config error
        }
    }

    @Override
    public synchronized Schema schema() {
        if (schema == null) {
            schema = fileSchema();
        }
        return schema;
    }

    private Schema fileSchema() {
        List<FileStatus> matched = files();
        if (matched.isEmpty()) {
            throw PluginException.config("column", "[\"*\"] takes the columns from the first file, but path "
                    + paths + " matches no file; list the columns with index and type");
        }
        FileSystem fs = fileSystem.fs();
        String first = matched.get(0).getPath().toString();
        try {
            switch (fileType) {
                case "orc":
                    try (org.apache.orc.Reader r = OrcSplitReader.open(fs, first)) {
                        return OrcSplitReader.fileSchema(r.getSchema());
                    }
                case "parquet":
                    return ParquetSplitReader.schema(ParquetSplitReader.footerSchema(
                            ParquetSplitReader.inputFile(fs, first, matched.get(0).getLen())));
                default:
                    return textSchema(fs, matched);
            }
        } catch (IOException e) {
            throw new PluginException(HdfsErrorCode.READ_FAILED, context.stepName() + ": cannot read the schema "
                    + "of " + first + " (fileType " + fileType + "): " + e.getMessage(), e);
        }
    }

    /** All fields as strings: as many as the first line of the first non-empty file has. */
    private Schema textSchema(FileSystem fs, List<FileStatus> matched) throws IOException {
        for (FileStatus f : matched) {
            String[] first = HdfsTextSplitReader.firstRow(fs, new HdfsSplit(f.getPath().toString(), f.getLen()),
                    textFormat);
            if (first == null) {
                continue;
            }
            Schema.Builder b = Schema.builder();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < first.length; i++) {
                String name = textFormat.skipHeader() ? first[i].trim() : "";
                if (name.isEmpty() || !names.add(name)) {
                    name = "col" + i;
                    names.add(name);
                }
                b.field(name, DataType.STRING);
            }
            return b.build();
        }
        throw PluginException.config("column", "[\"*\"] takes the columns from the first line, but every file of "
                + paths + " is empty; list the columns with index and type");
    }

    private synchronized List<FileStatus> files() {
        if (files == null) {
            files = fileSystem.listFiles(paths, config.get(HdfsOptions.SUCCESS_ON_NO_FILE));
        }
        return files;
    }

    @Override
    public void check() {
        files();
    }

    @Override
    public SplitCodec splitCodec() {
        // version 2: length, modification time and byte range identify the input a split covers
        return SplitCodec.of(2, HdfsSplit.class, (s, out) -> {
            out.writeUTF(s.path());
            out.writeLong(s.length());
            out.writeLong(s.modified());
            out.writeLong(s.start());
            out.writeLong(s.end());
        }, in -> new HdfsSplit(in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong()));
    }

    /**
     * One split per file; an uncompressed text/csv file larger than {@code splitSize} is cut into line-aligned
     * ranges (csv: record-aligned; a line break inside quotes is never a cut).
     */
    @Override
    public List<? extends Split> planSplits(int suggestedParallelism) {
        List<HdfsSplit> splits = new ArrayList<>();
        long splitSize = config.get(HdfsOptions.SPLIT_SIZE);
        FileSystem fs = null;
        for (FileStatus f : files()) {
            String path = f.getPath().toString();
            if (!rangeable(f) || f.getLen() <= splitSize) {
                splits.add(new HdfsSplit(path, f.getLen(), f.getModificationTime(), 0, f.getLen()));
                continue;
            }
            fs = fs == null ? fileSystem.fs() : fs;
            FileSystem fileSystemOfSplit = fs;
            LineRanges.Opener opener = offset -> {
                org.apache.hadoop.fs.FSDataInputStream in = fileSystemOfSplit.open(f.getPath());
                in.seek(offset);
                return in;
            };
            try {
                for (long[] r : LineRanges.cut(opener, f.getLen(), splitSize, quoteByte())) {
                    splits.add(new HdfsSplit(path, f.getLen(), f.getModificationTime(), r[0], r[1]));
                }
            } catch (IOException e) {
                throw new PluginException(HdfsErrorCode.READ_FAILED, context.stepName() + ": cannot find the line"
                        + " starts of " + path + " to cut it into splits: " + e.getMessage(), e);
            }
        }
        return splits;
    }

    /** Uncompressed text, or csv without comment lines (a quote in a comment would mislead the cut). */
    private boolean rangeable(FileStatus f) {
        if (textFormat == null) {
            return false;
        }
        String compress = textFormat.compress() == null ? HdfsCompression.bySuffix(f.getPath().getName())
                : textFormat.compress();
        return compress.equals("none") && (!textFormat.csv() || !textFormat.csvFormat().isCommentMarkerSet());
    }

    /** The csv quote as a byte (the encoding is ASCII-compatible), or -1 for text and unquoted csv. */
    private int quoteByte() {
        Character q = textFormat.csv() ? textFormat.csvFormat().getQuoteCharacter() : null;
        return q == null || q > 0x7f ? -1 : q;
    }

    private RowMapper mapper() {
        return new RowMapper(schema, columns, textFormat == null ? java.nio.charset.StandardCharsets.UTF_8
                : textFormat.charset(), textFormat == null ? null : textFormat.nullFormat(), context.dirtyRecords());
    }

    @Override
    public SplitReader open(Split split) {
        HdfsSplit s = (HdfsSplit) split;
        Schema planned = schema();
        FileSystem fs = fileSystem.fs();
        RowMapper mapper = mapper();
        try {
            return switch (fileType) {
                case "orc" -> new OrcSplitReader(fs, s.path(), s.length(), mapper, columns, planned);
                case "parquet" -> new ParquetSplitReader(fs, s.path(), s.length(), mapper, columns, planned);
                default -> {
                    checkUnchanged(fs, s);
                    yield new HdfsTextSplitReader(fs, s, textFormat, mapper);
                }
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof PluginException p) {
                throw p;
            }
            throw new PluginException(HdfsErrorCode.READ_FAILED, context.stepName() + ": cannot open " + s.path()
                    + " as " + fileType + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); check fileType and that the file is not corrupt", e);
        }
    }

    /** A range of a file that changed no longer starts at a line: refuse it rather than read half lines. */
    private void checkUnchanged(FileSystem fs, HdfsSplit s) throws IOException {
        if (s.wholeFile()) {
            return;
        }
        FileStatus now = fs.getFileStatus(new org.apache.hadoop.fs.Path(s.path()));
        if (now.getLen() != s.length() || now.getModificationTime() != s.modified()) {
            throw new PluginException(HdfsErrorCode.READ_FAILED, context.stepName() + ": " + s.path() + " changed"
                    + " since the job was planned (length or modification time differ); its byte ranges no longer"
                    + " fit: run the job again without resuming");
        }
    }

    @Override
    public void close() throws IOException {
        fileSystem.close();
    }
}
