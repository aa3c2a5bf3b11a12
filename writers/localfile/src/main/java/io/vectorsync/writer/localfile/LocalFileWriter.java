package io.vectorsync.writer.localfile;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.reader.text.TextEscapes;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code localfile} writer: stream {@code i} produces {@code <path>/<fileName>-<i>.<ext>}. The files of this
 * writer are those named {@code <fileName>-*} in {@code path}.
 *
 * <p>Nothing becomes visible before the job succeeds: each task writes a hidden in-progress file
 * ({@link InProgressFiles}) and only {@link #finish()} publishes them with atomic renames (truncate, nonConflict)
 * or an atomic copy-and-rename (append). {@link #abort} deletes them, so a failed or cancelled run leaves the
 * directory as it found it.
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
    private final InProgressFiles inProgress;
    /** Stream index -> the file it writes, in stream order. */
    private final Map<Integer, Output> outputs = new ConcurrentSkipListMap<>();
    private final List<Path> published = new ArrayList<>();
    private Schema schema;

    /** A stream's target file and the hidden file its rows go to until {@link #finish()}. */
    private record Output(Path target, Path inProgress) {
    }

    LocalFileWriter(PluginConfig config, PluginContext context) {
        requireNonNull(config, "config is null");
        this.context = requireNonNull(context, "context is null");
        this.step = context.stepName();
        this.inProgress = new InProgressFiles(context.runId());
        this.dir = Paths.get(config.get(LocalFileWriterOptions.PATH)).toAbsolutePath().normalize();
        this.fileName = config.get(LocalFileWriterOptions.FILE_NAME);
        this.format = config.get(LocalFileWriterOptions.FILE_FORMAT).toLowerCase(Locale.ROOT);
        this.writeMode = config.get(LocalFileWriterOptions.WRITE_MODE).toLowerCase(Locale.ROOT);
        this.delimiter = TextEscapes.unescape(config.get(LocalFileWriterOptions.FIELD_DELIMITER));
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

    /**
     * Never idempotent: append adds the rows again; truncate and nonConflict publish only the rows of the run that
     * finishes, so a resumed run that skipped finished splits would publish files without their rows (the crashed
     * run's rows were never made visible). Rerunning the whole job with truncate is safe.
     */
    @Override
    public Idempotence idempotence() {
        if (writeMode.equals("append")) {
            return Idempotence.no("writeMode append adds every replayed row again; rerun the whole job with"
                    + " writeMode truncate instead of resuming");
        }
        return Idempotence.no("writeMode " + writeMode + " publishes the files at the end of a successful run only,"
                + " so rows of splits finished before a crash are not in them; rerun the whole job (without --resume):"
                + " a failed run leaves no partial file behind");
    }

    @Override
    public void check() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw PluginException.config("path", "step \"" + step + "\": " + dir + " exists and is not a directory");
        }
        if (writeMode.equals("nonconflict")) {
            List<Path> existing = existingFiles();
            if (!existing.isEmpty()) {
                throw filesExist(existing);
            }
        }
    }

    private PluginException filesExist(List<Path> existing) {
        return new PluginException(LocalFileWriterErrorCode.FILES_EXIST, "step \"" + step + "\": \"writeMode\""
                + " is nonConflict but " + dir + " already holds " + existing.size() + " file(s) named "
                + fileName + "-*: " + existing.stream().map(p -> p.getFileName().toString()).toList()
                + "; delete them, choose another fileName, or use writeMode truncate or append");
    }

    /** Creates the directory and deletes in-progress files that crashed runs of this writer left behind. */
    @Override
    public void prepare() throws IOException {
        if (context.preview()) {
            return;
        }
        check();
        try {
            Files.createDirectories(dir);
            for (Path p : InProgressFiles.staleFiles(dir, fileName + "-")) {
                Files.deleteIfExists(p);
                LOG.info("step \"{}\": deleted {}, left by a run that did not finish", step, p.getFileName());
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
        Path target = dir.resolve(fileName + "-" + streamIndex + "." + (format.equals("text") ? "txt" : format));
        Path file = inProgress.inProgress(target);
        boolean continuing = writeMode.equals("append") && Files.exists(target) && Files.size(target) > 0;
        List<String> headerLine = format.equals("jsonl") || continuing ? List.of()
                : header != null ? header : schema.names();
        try {
            Files.createDirectories(dir);
            FileOutputStream stream = new FileOutputStream(Files.createFile(file).toFile());
            outputs.put(streamIndex, new Output(target, file));
            return new LocalFileWriterTask(stream, file, charset, format, delimiter, nullFormat, headerLine, schema,
                    values, mapper, context.dirtyRecords());
        } catch (IOException e) {
            throw new PluginException(LocalFileWriterErrorCode.WRITE_FAILED, "step \"" + step + "\": cannot open "
                    + file + " for writing: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes every stream's file: truncate and nonConflict rename it over the target, append adds it to the
     * target atomically; truncate then deletes the other {@code <fileName>-*} files (streams of an earlier run
     * with more concurrency).
     */
    @Override
    public void finish() {
        if (context.preview()) {
            deleteInProgress(); // a preview writes nothing
            return;
        }
        try {
            adoptStagedElsewhere();
            if (writeMode.equals("nonconflict")) {
                List<Path> existing = existingFiles();
                if (!existing.isEmpty()) {
                    throw filesExist(existing);
                }
            }
            for (Output o : outputs.values()) {
                if (writeMode.equals("append")) {
                    InProgressFiles.appendAtomically(o.inProgress(), o.target());
                } else {
                    InProgressFiles.publish(o.inProgress(), o.target());
                }
                published.add(o.target());
            }
            if (writeMode.equals("truncate")) {
                for (Path p : existingFiles()) {
                    if (!published.contains(p)) {
                        Files.delete(p);
                        LOG.info("step \"{}\": truncate: deleted {}", step, p);
                    }
                }
            }
            InProgressFiles.syncDirectory(dir);
        } catch (IOException e) {
            throw new PluginException(LocalFileWriterErrorCode.WRITE_FAILED, "step \"" + step + "\": cannot publish"
                    + " the output in " + dir + " (published so far: " + published + "): " + e.getMessage(), e);
        } finally {
            deleteInProgress();
        }
        LOG.info("step \"{}\": wrote {} file(s): {}", step, published.size(), published);
    }

    /** Deletes this run's in-progress files (tasks delete their own; this catches those that did not stop). */
    @Override
    public void abort(Throwable cause) {
        int deleted = deleteInProgress();
        LOG.info("step \"{}\": the job did not succeed; deleted {} in-progress file(s), {} left as it was", step,
                deleted, dir);
    }

    private int deleteInProgress() {
        try {
            adoptStagedElsewhere();
        } catch (IOException e) {
            LOG.warn("step \"{}\": cannot list {}: {}", step, dir, e.toString());
        }
        int deleted = 0;
        for (Output o : outputs.values()) {
            for (Path p : List.of(o.inProgress(), o.inProgress().resolveSibling(o.inProgress().getFileName() + ".append"))) {
                try {
                    if (Files.deleteIfExists(p)) {
                        deleted++;
                    }
                } catch (IOException e) {
                    LOG.warn("step \"{}\": cannot delete in-progress file {}: {}", step, p, e.toString());
                }
            }
        }
        return deleted;
    }

    /**
     * Adds the in-progress files of this run that tasks of other instances staged: in a distributed run (the
     * Flink engine) the tasks run in other processes and only the run id ({@link InProgressFiles}) is shared.
     */
    private void adoptStagedElsewhere() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        String suffix = ".inprogress-" + inProgress.runId();
        List<Path> known = outputs.values().stream().map(Output::inProgress).toList();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("." + fileName + "-") && n.endsWith(suffix) && !known.contains(p)) {
                    Path target = dir.resolve(n.substring(1, n.length() - suffix.length()));
                    outputs.put(Integer.MIN_VALUE + outputs.size(), new Output(target, p));
                }
            }
        }
    }

    /** The files published by {@link #finish()}, for tests and the log. */
    List<Path> writtenFiles() {
        return List.copyOf(published);
    }
}
