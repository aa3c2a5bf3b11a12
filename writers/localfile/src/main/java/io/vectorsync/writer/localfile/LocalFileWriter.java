package io.vectorsync.writer.localfile;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code localfile} writer: stream {@code i} writes {@code <path>/<fileName>-<i>.<ext>}. The files of this
 * writer are those named {@code <fileName>-*} in {@code path}: truncate deletes them in {@link #prepare()},
 * nonConflict fails in {@link #check()} and {@link #prepare()} when one exists.
 */
final class LocalFileWriter implements Writer {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFileWriter.class);

    private final PluginContext context;
    private final String step;
    private final Path dir;
    private final String fileName;
    private final String format;
    private final String writeMode;
    private final String delimiter;
    private final Charset charset;
    private final List<String> header;
    private final String nullFormat;
    private final ObjectMapper mapper = new ObjectMapper();
    private final LocalFileValueWriter values;
    private final Set<Path> written = new ConcurrentSkipListSet<>();
    private Schema schema;

    LocalFileWriter(PluginConfig config, PluginContext context) {
        requireNonNull(config, "config is null");
        this.context = requireNonNull(context, "context is null");
        this.step = context.stepName();
        this.dir = Paths.get(config.get(LocalFileWriterOptions.PATH)).toAbsolutePath().normalize();
        this.fileName = config.get(LocalFileWriterOptions.FILE_NAME);
        this.format = config.get(LocalFileWriterOptions.FILE_FORMAT).toLowerCase(Locale.ROOT);
        this.writeMode = config.get(LocalFileWriterOptions.WRITE_MODE).toLowerCase(Locale.ROOT);
        this.delimiter = LocalFileWriterOptions.unescape(config.get(LocalFileWriterOptions.FIELD_DELIMITER));
        this.charset = Charset.forName(config.get(LocalFileWriterOptions.ENCODING));
        this.header = config.get(LocalFileWriterOptions.HEADER);
        this.nullFormat = config.get(LocalFileWriterOptions.NULL_FORMAT);
        this.values = new LocalFileValueWriter(mapper, config.get(LocalFileWriterOptions.DATE_FORMAT),
                ZoneId.systemDefault());
    }

    @Override
    public void bind(Schema input) {
        this.schema = requireNonNull(input, "input is null");
        if (header != null && !header.isEmpty() && header.size() != input.size()) {
            throw PluginException.config("header", "step \"" + step + "\": has " + header.size() + " names but the"
                    + " records have " + input.size() + " fields " + input.names());
        }
    }

    @Override
    public void check() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw PluginException.config("path", "step \"" + step + "\": " + dir + " exists and is not a directory");
        }
        if (writeMode.equals("nonconflict")) {
            List<Path> existing = existingFiles();
            if (!existing.isEmpty()) {
                throw new PluginException(LocalFileWriterErrorCode.FILES_EXIST, "step \"" + step + "\": \"writeMode\""
                        + " is nonConflict but " + dir + " already holds " + existing.size() + " file(s) named "
                        + fileName + "-*: " + existing.stream().map(p -> p.getFileName().toString()).toList()
                        + "; delete them, choose another fileName, or use writeMode truncate or append");
            }
        }
    }

    @Override
    public void prepare() throws IOException {
        if (context.preview()) {
            return;
        }
        check();
        try {
            Files.createDirectories(dir);
            if (writeMode.equals("truncate")) {
                for (Path p : existingFiles()) {
                    Files.delete(p);
                    LOG.info("step \"{}\": truncate: deleted {}", step, p);
                }
            }
        } catch (IOException e) {
            throw new PluginException(LocalFileWriterErrorCode.WRITE_FAILED, "step \"" + step + "\": cannot prepare "
                    + dir + ": " + e.getMessage(), e);
        }
    }

    /** The files named {@code <fileName>-*} in the output directory. */
    private List<Path> existingFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String prefix = fileName + "-";
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    @Override
    public WriterTask openTask(int streamIndex) throws IOException {
        if (schema == null) {
            throw new IllegalStateException("bind(schema) was not called");
        }
        Path file = dir.resolve(fileName + "-" + streamIndex + "." + (format.equals("text") ? "txt" : format));
        boolean append = writeMode.equals("append");
        boolean continuing = append && Files.exists(file) && Files.size(file) > 0;
        List<String> headerLine = format.equals("jsonl") || continuing ? List.of()
                : header != null ? header : schema.names();
        try {
            Files.createDirectories(dir);
            java.io.Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING), charset), 1 << 16);
            written.add(file);
            return new LocalFileWriterTask(out, format, delimiter, nullFormat, headerLine, schema, values, mapper,
                    context.dirtyRecords());
        } catch (IOException e) {
            throw new PluginException(LocalFileWriterErrorCode.WRITE_FAILED, "step \"" + step + "\": cannot open "
                    + file + " for writing: " + e.getMessage(), e);
        }
    }

    @Override
    public void finish() {
        LOG.info("step \"{}\": wrote {} file(s): {}", step, written.size(), new ArrayList<>(written));
    }

    /** The files opened so far, for tests and the log. */
    List<Path> writtenFiles() {
        return List.copyOf(written);
    }
}
