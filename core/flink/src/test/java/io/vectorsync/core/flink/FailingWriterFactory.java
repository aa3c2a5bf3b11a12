package io.vectorsync.core.flink;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.api.writer.WriterTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test writer on the class path: task {@code failTask} fails on its first batch; {@code abort} and
 * {@code finish} leave marker files, so a test sees which one the client called.
 */
public final class FailingWriterFactory implements WriterFactory {
    static final Option<String> MARKERS = Option.stringOption("markerDir").required()
            .description("Where abort/finish leave their marker files.").build();
    static final Option<Integer> FAIL_TASK = Option.intOption("failTask").defaultValue(-1)
            .description("The writer task index that fails.").build();

    @Override
    public String name() {
        return "failing-test";
    }

    @Override
    public String description() {
        return "Fails one writer task (tests)";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().add(MARKERS, FAIL_TASK).build();
    }

    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        Path markers = Path.of(config.get(MARKERS));
        int failTask = config.get(FAIL_TASK);
        return new Writer() {
            @Override
            public void bind(Schema input) {
            }

            @Override
            public WriterTask openTask(int index) {
                return new WriterTask() {
                    @Override
                    public void write(List<Row> batch) throws IOException {
                        if (index == failTask) {
                            throw new IOException("disk full (test) in task " + index);
                        }
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void finish() throws IOException {
                Files.createDirectories(markers);
                Files.writeString(markers.resolve("finished"), "");
            }

            @Override
            public void abort(Throwable cause) {
                try {
                    Files.createDirectories(markers);
                    Files.writeString(markers.resolve("aborted"), String.valueOf(cause.getMessage()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
