package io.vectorsync.writer.stream;

import static java.util.Objects.requireNonNull;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import java.nio.charset.Charset;
import java.util.List;

/**
 * The {@code stream} writer. With {@code print: false} its tasks do nothing at all per batch; with
 * {@code print: true} each batch is formatted into one block of lines and written to standard output in one call,
 * so lines of concurrent streams never interleave.
 */
final class StreamWriter implements Writer {
    private final PluginContext context;
    private final boolean print;
    private final String fieldDelimiter;
    private final Charset charset;

    StreamWriter(PluginConfig config, PluginContext context) {
        requireNonNull(config, "config is null");
        this.context = requireNonNull(context, "context is null");
        this.print = config.get(StreamWriterOptions.PRINT);
        this.fieldDelimiter = config.get(StreamWriterOptions.FIELD_DELIMITER);
        this.charset = Charset.forName(config.get(StreamWriterOptions.ENCODING));
    }

    @Override
    public void bind(Schema input) {
        requireNonNull(input, "input is null");
    }

    /** Printing (or discarding) a record twice changes nothing anyone keeps. */
    @Override
    public Idempotence idempotence() {
        return Idempotence.yes(print ? "records are only printed; printing a record again stores nothing"
                : "records are discarded (print: false)");
    }

    @Override
    public WriterTask openTask(int streamIndex) {
        if (!print || context.preview()) {
            return DiscardTask.INSTANCE;
        }
        return new StreamPrintTask(System.out, fieldDelimiter, charset);
    }

    /** Discards everything: the benchmark's writer. */
    enum DiscardTask implements WriterTask {
        INSTANCE;

        @Override
        public void write(List<io.vectorsync.api.record.Row> batch) {
            // nothing to do, on purpose
        }

        @Override
        public void close() {
        }
    }
}
