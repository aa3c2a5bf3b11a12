package io.vectorsync.reader.localfile;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code fileFormat: "binary"} (DataWorks' name for reading files as they are, in its OSS, FTP and HDFS readers):
 * every file is one record. Its fields are named by {@code column[].name}: {@code fileName} (the base name),
 * {@code filePath} (the path as found), {@code content} (the whole file: type string decodes it with
 * {@code encoding}, bytes keeps the bytes), {@code size} (bytes, long), {@code modified} (timestamp); constants
 * with {@code value}. {@code ["*"]} means {@code fileName} and {@code content} as strings.
 */
final class LocalFileWholeFiles {
    /** What a field holds. */
    enum Source { FILE_NAME, FILE_PATH, CONTENT, SIZE, MODIFIED, CONSTANT }

    /** One field of the record. */
    record Column(String name, Source source, DataType type, Object constant) {
    }

    private static final Map<String, Source> SOURCES = Map.of("filename", Source.FILE_NAME, "filepath",
            Source.FILE_PATH, "content", Source.CONTENT, "size", Source.SIZE, "modified", Source.MODIFIED);

    private LocalFileWholeFiles() {
    }

    /** The column list; every problem of every entry in one error naming each {@code column[i]}. */
    static List<Column> parse(String step, List<PluginConfig> raw, LocalFileValues values) {
        if (LocalFileColumn.isStar(raw)) {
            return List.of(new Column("fileName", Source.FILE_NAME, DataType.STRING, null),
                    new Column("content", Source.CONTENT, DataType.STRING, null));
        }
        List<Column> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            PluginConfig e = raw.get(i);
            String at = "\"column[" + i + "]\": ";
            String name = e.get(LocalFileColumn.NAME);
            DataType type = LocalFileColumn.typeOf(e.get(LocalFileColumn.TYPE), e.get(LocalFileColumn.FORMAT));
            Column c;
            if (e.raw().containsKey("index")) {
                problems.add(at + "fileFormat binary reads whole files: name a field (fileName, filePath, content, "
                        + "size, modified) instead of an index");
                continue;
            } else if (e.raw().containsKey("value")) {
                try {
                    c = new Column(name != null ? name : "constant" + i, Source.CONSTANT, type,
                            values.convert(e.get(LocalFileColumn.VALUE), type, null));
                } catch (IllegalArgumentException ex) {
                    problems.add(at + ex.getMessage());
                    continue;
                }
            } else {
                Source s = name == null ? null : SOURCES.get(name.toLowerCase(Locale.ROOT));
                if (s == null) {
                    problems.add(at + "\"" + name + "\" is not a field of a whole file; use fileName, filePath, "
                            + "content, size, modified, or a value");
                    continue;
                }
                String allowed = switch (s) {
                    case CONTENT -> type.equals(DataType.STRING) || type.equals(DataType.BYTES)
                            || type.equals(DataType.JSON) ? null : "string, bytes or json";
                    case SIZE -> type.equals(DataType.INT64) || type.equals(DataType.STRING) ? null : "long or string";
                    case MODIFIED -> type.equals(DataType.TIMESTAMP) || type.equals(DataType.STRING) ? null
                            : "timestamp or string";
                    default -> type.equals(DataType.STRING) ? null : "string";
                };
                if (allowed != null) {
                    problems.add(at + name + " can be read as " + allowed + ", not " + e.get(LocalFileColumn.TYPE));
                    continue;
                }
                c = new Column(name, s, type, null);
            }
            if (!names.add(c.name())) {
                problems.add(at + "field name \"" + c.name() + "\" is used twice");
                continue;
            }
            out.add(c);
        }
        if (!problems.isEmpty()) {
            throw new PluginException(LocalFileErrorCode.BAD_COLUMN, "step \"" + step + "\": "
                    + String.join("; ", problems));
        }
        return List.copyOf(out);
    }

    static Schema schema(List<Column> columns) {
        Schema.Builder b = Schema.builder();
        columns.forEach(c -> b.field(c.name(), c.type()));
        return b.build();
    }

    /** Reads one file as one record; content that does not decode in the encoding is a dirty record. */
    static SplitReader reader(LocalFileSplit split, List<Column> columns, Schema schema, Charset charset,
                              PluginContext context) {
        return new SplitReader() {
            private boolean done;

            @Override
            public PollStatus poll(RecordOutput output) throws IOException {
                if (done || context.stopRequested()) {
                    return PollStatus.END;
                }
                done = true;
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(split.path());
                } catch (IOException e) {
                    throw new PluginException(LocalFileErrorCode.READ_FAILED, "step \"" + context.stepName()
                            + "\": cannot read " + split.path() + ": " + e.getMessage(), e);
                }
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    Column c = columns.get(i);
                    values[i] = switch (c.source()) {
                        case FILE_NAME -> split.path().getFileName().toString();
                        case FILE_PATH -> split.path().toString();
                        case SIZE -> c.type().equals(DataType.STRING) ? String.valueOf(bytes.length) : (long) bytes.length;
                        case MODIFIED -> {
                            Instant t = Files.getLastModifiedTime(split.path()).toInstant();
                            yield c.type().equals(DataType.STRING) ? t.toString() : t;
                        }
                        case CONSTANT -> c.constant();
                        case CONTENT -> c.type().equals(DataType.BYTES) ? bytes : decode(bytes, charset);
                    };
                    if (values[i] == null && c.source() == Source.CONTENT) {
                        context.dirtyRecords().reportRaw(split.path().toString(), CommonErrorCode.MALFORMED_RECORD,
                                split.path() + ": not valid " + charset + " text; read content as bytes or set "
                                        + "\"encoding\"");
                        return PollStatus.END;
                    }
                }
                output.emit(Row.wrap(schema, values));
                return PollStatus.END;
            }

            @Override
            public void close() {
                // nothing is held open between polls
            }
        };
    }

    private static String decode(byte[] bytes, Charset charset) {
        try {
            String s = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
