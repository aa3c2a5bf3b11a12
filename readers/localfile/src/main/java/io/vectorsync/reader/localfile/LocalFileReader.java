package io.vectorsync.reader.localfile;

import io.vectorsync.api.reader.SplitCodec;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Schema;
import io.vectorsync.reader.text.LineRanges;
import io.vectorsync.reader.text.TextEscapes;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The {@code localfile} reader: one split per file. With explicit columns the schema comes from the job alone; with
 * {@code ["*"]} it is learned from the first record of the first file (csv/text: that many string fields named
 * {@code col<i>}; jsonl: its top-level keys, as strings).
 */
final class LocalFileReader implements Reader {
    private final PluginContext context;
    private final String step;
    private final List<String> patterns;
    private final String format;
    private final String compress;
    private final Charset charset;
    private final boolean skipHeader;
    private final String delimiter;
    private final String nullFormat;
    private final List<PluginConfig> columnSpec;
    private final long splitSize;
    private final ObjectMapper mapper = new ObjectMapper();
    private final LocalFileValues values;
    private List<Path> files;
    private List<LocalFileColumn> columns;
    private int exactWidth = -1;
    private Schema schema;
    /** fileFormat binary: the fields of a whole-file record, else null. */
    private List<LocalFileWholeFiles.Column> wholeFiles;

    LocalFileReader(PluginConfig config, PluginContext context) {
        requireNonNull(config, "config is null");
        this.context = requireNonNull(context, "context is null");
        this.step = context.stepName();
        this.patterns = config.get(LocalFileReaderOptions.PATH);
        this.format = config.get(LocalFileReaderOptions.FILE_FORMAT).toLowerCase(Locale.ROOT);
        this.compress = config.get(LocalFileReaderOptions.COMPRESS).toLowerCase(Locale.ROOT);
        this.charset = Charset.forName(config.get(LocalFileReaderOptions.ENCODING));
        this.skipHeader = config.get(LocalFileReaderOptions.SKIP_HEADER);
        this.delimiter = TextEscapes.unescape(config.get(LocalFileReaderOptions.FIELD_DELIMITER));
        this.nullFormat = config.get(LocalFileReaderOptions.NULL_FORMAT);
        this.columnSpec = config.get(LocalFileReaderOptions.COLUMN);
        this.splitSize = config.get(LocalFileReaderOptions.SPLIT_SIZE);
        this.values = new LocalFileValues(mapper, ZoneId.systemDefault(), charset);
        if (format.equals("binary")) {
            if (!compress.equals("none")) {
                throw PluginException.config("compress", "fileFormat binary reads files as they are; remove "
                        + "\"compress\"");
            }
            this.wholeFiles = LocalFileWholeFiles.parse(step, columnSpec, values);
            this.schema = LocalFileWholeFiles.schema(wholeFiles);
        } else if (!LocalFileColumn.isStar(columnSpec)) {
            this.columns = LocalFileColumn.parse(step, columnSpec, format, values);
            this.schema = schemaOf(columns);
        }
    }

    @Override
    public synchronized Schema schema() {
        if (schema == null) {
            learnColumnsFromFirstRecord();
        }
        return schema;
    }

    @Override
    public void check() {
        files();
    }

    @Override
    public SplitCodec splitCodec() {
        // version 2: size, modification time and byte range identify the input a split covers
        return SplitCodec.of(2, LocalFileSplit.class, (s, out) -> {
            out.writeUTF(s.path().toString());
            out.writeLong(s.size());
            out.writeLong(s.modified());
            out.writeLong(s.start());
            out.writeLong(s.end());
        }, in -> new LocalFileSplit(Path.of(in.readUTF()), in.readLong(), in.readLong(), in.readLong(),
                in.readLong()));
    }

    /**
     * One split per file; an uncompressed file larger than {@code splitSize} in a byte-line encoding is cut into
     * line-aligned ranges (csv: record-aligned, quoted line breaks are not cut).
     */
    @Override
    public List<LocalFileSplit> planSplits(int suggestedParallelism) throws IOException {
        List<LocalFileSplit> splits = new ArrayList<>();
        boolean rangeable = compress.equals("none") && LocalFileLines.isByteLines(charset) && wholeFiles == null;
        for (Path p : files()) {
            long size = Files.size(p);
            long modified = Files.getLastModifiedTime(p).toMillis();
            if (!rangeable || size <= splitSize) {
                splits.add(new LocalFileSplit(p, size, modified, 0, size));
                continue;
            }
            LineRanges.Opener opener = offset -> {
                var channel = Files.newByteChannel(p);
                channel.position(offset);
                return new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(channel), 1 << 16);
            };
            for (long[] r : LineRanges.cut(opener, size, splitSize, format.equals("csv") ? '"' : -1)) {
                splits.add(new LocalFileSplit(p, size, modified, r[0], r[1]));
            }
        }
        return splits;
    }

    @Override
    public SplitReader open(Split split) throws IOException {
        if (!(split instanceof LocalFileSplit s)) {
            throw new IllegalArgumentException("not a localfile split: " + split);
        }
        Schema sc = schema();
        if (wholeFiles != null) {
            return LocalFileWholeFiles.reader(s, wholeFiles, sc, charset, context);
        }
        return new LocalFileSplitReader(openLines(s), parser(), sc, context);
    }

    private synchronized LocalFileRowParser parser() {
        return new LocalFileRowParser(format, delimiter, nullFormat, columns, exactWidth, values, mapper);
    }

    private LocalFileLines openLines(LocalFileSplit s) {
        try {
            if (!s.wholeFile() && (Files.size(s.path()) != s.size()
                    || Files.getLastModifiedTime(s.path()).toMillis() != s.modified())) {
                // a range of a file that changed no longer starts at a line: refuse rather than read half lines
                throw new PluginException(LocalFileErrorCode.READ_FAILED, "step \"" + step + "\": " + s.path()
                        + " changed since the job was planned (size or modification time differ); its byte ranges"
                        + " no longer fit: run the job again without resuming");
            }
            return s.wholeFile() ? new LocalFileLines(s.path(), compress, charset, skipHeader)
                    : new LocalFileLines(s.path(), compress, charset, skipHeader, s.start(), s.end());
        } catch (IOException e) {
            throw new PluginException(LocalFileErrorCode.READ_FAILED, "step \"" + step + "\": cannot open " + s.id()
                    + ": " + e.getMessage(), e);
        }
    }

    private LocalFileLines openLines(Path p) {
        try {
            return new LocalFileLines(p, compress, charset, skipHeader);
        } catch (IOException e) {
            throw new PluginException(LocalFileErrorCode.READ_FAILED, "step \"" + step + "\": cannot open " + p
                    + (compress.equals("none") ? "" : " as " + compress) + ": " + e.getMessage(), e);
        }
    }

    private synchronized List<Path> files() {
        if (files == null) {
            files = LocalFilePaths.resolve(step, patterns);
        }
        return files;
    }

    /** For {@code ["*"]}: reads records until one parses, and takes its shape. */
    private void learnColumnsFromFirstRecord() {
        LocalFileRowParser probe = new LocalFileRowParser(format, delimiter, nullFormat, List.of(), -1, values, mapper);
        for (Path p : files()) {
            try (LocalFileLines lines = openLines(p)) {
                LocalFileLines.Line l;
                while ((l = lines.next()) != null) {
                    if (l.malformed() != null || l.text().isBlank()) {
                        continue;
                    }
                    String text = l.text();
                    // a csv record with a quoted line break spans several lines: learn from the whole record
                    while (format.equals("csv") && LocalFileSplitReader.oddQuotes(text) && (l = lines.next()) != null) {
                        text = text + "\n" + l.text();
                    }
                    try {
                        columns = new ArrayList<>();
                        if (format.equals("jsonl")) {
                            JsonNode object = probe.object(text);
                            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                                String key = it.next();
                                columns.add(new LocalFileColumn(key, DataType.STRING, -1, key, false, null, null));
                            }
                        } else {
                            String[] fields = probe.split(text);
                            for (int i = 0; i < fields.length; i++) {
                                columns.add(new LocalFileColumn("col" + i, DataType.STRING, i, null, false, null, null));
                            }
                            exactWidth = fields.length;
                        }
                        schema = schemaOf(columns);
                        return;
                    } catch (IllegalArgumentException unreadable) {
                        // try the next line; the split reader reports it dirty
                    }
                }
            } catch (IOException e) {
                throw new PluginException(LocalFileErrorCode.READ_FAILED, "step \"" + step + "\": cannot read " + p
                        + ": " + e.getMessage(), e);
            }
        }
        throw new PluginException(CommonErrorCode.CONFIG_INVALID, "step \"" + step + "\": \"column\": [\"*\"] takes"
                + " its columns from the first record, but the files of \"path\" " + patterns + " hold no readable"
                + " record; list the columns explicitly");
    }

    private static Schema schemaOf(List<LocalFileColumn> columns) {
        Schema.Builder b = Schema.builder();
        for (LocalFileColumn c : columns) {
            b.field(Field.of(c.name(), c.type()));
        }
        return b.build();
    }
}
