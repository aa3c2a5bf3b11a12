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
    private final List<Object> columnSpec;
    private final ObjectMapper mapper = new ObjectMapper();
    private final LocalFileValues values;
    private List<Path> files;
    private List<LocalFileColumn> columns;
    private int exactWidth = -1;
    private Schema schema;

    LocalFileReader(PluginConfig config, PluginContext context) {
        requireNonNull(config, "config is null");
        this.context = requireNonNull(context, "context is null");
        this.step = context.stepName();
        this.patterns = config.get(LocalFileReaderOptions.PATH);
        this.format = config.get(LocalFileReaderOptions.FILE_FORMAT).toLowerCase(Locale.ROOT);
        this.compress = config.get(LocalFileReaderOptions.COMPRESS).toLowerCase(Locale.ROOT);
        this.charset = Charset.forName(config.get(LocalFileReaderOptions.ENCODING));
        this.skipHeader = config.get(LocalFileReaderOptions.SKIP_HEADER);
        this.delimiter = LocalFileReaderOptions.unescape(config.get(LocalFileReaderOptions.FIELD_DELIMITER));
        this.nullFormat = config.get(LocalFileReaderOptions.NULL_FORMAT);
        this.columnSpec = config.get(LocalFileReaderOptions.COLUMN);
        this.values = new LocalFileValues(mapper, ZoneId.systemDefault(), charset);
        if (!LocalFileColumn.isStar(columnSpec)) {
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
        return SplitCodec.of(1, LocalFileSplit.class, (s, out) -> {
            out.writeUTF(s.path().toString());
            out.writeLong(s.size());
        }, in -> new LocalFileSplit(java.nio.file.Path.of(in.readUTF()), in.readLong()));
    }

    @Override
    public List<LocalFileSplit> planSplits(int suggestedParallelism) throws IOException {
        List<LocalFileSplit> splits = new ArrayList<>();
        for (Path p : files()) {
            splits.add(new LocalFileSplit(p, Files.size(p)));
        }
        return splits;
    }

    @Override
    public SplitReader open(Split split) throws IOException {
        if (!(split instanceof LocalFileSplit s)) {
            throw new IllegalArgumentException("not a localfile split: " + split);
        }
        Schema sc = schema();
        return new LocalFileSplitReader(openLines(s.path()), parser(), sc, context);
    }

    private synchronized LocalFileRowParser parser() {
        return new LocalFileRowParser(format, delimiter, nullFormat, columns, exactWidth, values, mapper);
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
                    try {
                        columns = new ArrayList<>();
                        if (format.equals("jsonl")) {
                            JsonNode object = probe.object(l.text());
                            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                                String key = it.next();
                                columns.add(new LocalFileColumn(key, DataType.STRING, -1, key, false, null, null));
                            }
                        } else {
                            String[] fields = probe.split(l.text());
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
