package io.vectorsync.transformer.textsplitter;

import static java.util.Objects.requireNonNull;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.Suggestions;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code text-splitter} step: one record in, one record per chunk out. Every output record keeps the input's
 * other columns; the source column becomes the chunk's text, followed by index, count, id and (markdown) heading
 * path. Stateless after planning, so one instance serves every stream.
 */
final class TextSplitterTransformer implements Transformer {
    private final TextSplitterOptions.Settings settings;
    private final TextSplitter splitter;
    private final PluginContext context;
    private volatile Plan plan;

    /** Positions resolved against the planned input schema. */
    private record Plan(Schema input, Schema output, int source, int id, int text, int index, int count, int chunkId,
                        int headingPath) {
    }

    TextSplitterTransformer(TextSplitterOptions.Settings settings, PluginContext context) {
        this.settings = requireNonNull(settings, "settings is null");
        this.context = requireNonNull(context, "context is null");
        this.splitter = new TextSplitter(settings.counter(), settings.chunkSize(), settings.chunkOverlap(),
                settings.separators());
    }

    @Override
    public Schema outputSchema(Schema input) {
        int source = column(input, "sourceColumn", settings.sourceColumn());
        if (input.field(source).type().isVector()) {
            throw PluginException.config("sourceColumn", "column \"" + settings.sourceColumn()
                    + "\" is a vector, not text (step " + context.stepName() + ")");
        }
        int id = settings.idColumn() == null ? -1 : column(input, "idColumn", settings.idColumn());
        List<Field> fields = new ArrayList<>(input.fields());
        fields.set(source, Field.of(settings.chunkTextColumn(), DataType.STRING));
        List<String> added = new ArrayList<>(List.of(settings.chunkIndexColumn(), settings.chunkCountColumn(),
                settings.chunkIdColumn()));
        fields.add(Field.of(settings.chunkIndexColumn(), DataType.INT64));
        fields.add(Field.of(settings.chunkCountColumn(), DataType.INT64));
        fields.add(Field.of(settings.chunkIdColumn(), DataType.STRING));
        if (settings.markdown()) {
            added.add(settings.headingPathColumn());
            fields.add(Field.of(settings.headingPathColumn(), DataType.STRING));
        }
        checkNamesFree(input, source, settings.chunkTextColumn(), "chunkTextColumn");
        String[] keys = {"chunkIndexColumn", "chunkCountColumn", "chunkIdColumn", "headingPathColumn"};
        for (int i = 0; i < added.size(); i++) {
            checkNamesFree(input, -1, added.get(i), keys[i]);
            if (added.get(i).equals(settings.chunkTextColumn()) || added.indexOf(added.get(i)) != i) {
                throw PluginException.config(keys[i], "output column \"" + added.get(i) + "\" is named twice (step "
                        + context.stepName() + "); give each output column its own name");
            }
        }
        Schema output = Schema.of(fields);
        int n = input.size();
        plan = new Plan(input, output, source, id, source, n, n + 1, n + 2, settings.markdown() ? n + 3 : -1);
        return output;
    }

    private int column(Schema input, String parameter, String name) {
        int pos = input.indexOf(name);
        if (pos < 0) {
            String suggestion = Suggestions.closest(name, input.names());
            throw new PluginException(TextSplitterErrorCode.COLUMN_NOT_FOUND, context.stepName() + ": \"" + parameter
                    + "\": no column \"" + name + "\" in the input"
                    + (suggestion == null ? "" : "; did you mean \"" + suggestion + "\"?")
                    + "; available fields: " + input.names());
        }
        return pos;
    }

    private void checkNamesFree(Schema input, int except, String name, String parameter) {
        int pos = input.indexOf(name);
        if (pos >= 0 && pos != except) {
            throw new PluginException(TextSplitterErrorCode.COLUMN_NOT_FOUND, context.stepName() + ": \"" + parameter
                    + "\": the input already has a column \"" + name + "\"; set " + parameter + " to another name");
        }
    }

    @Override
    public void transform(List<Row> batch, TransformOutput output) {
        if (batch.isEmpty()) {
            return;
        }
        Plan p = planFor(batch.get(0).schema());
        for (Row row : batch) {
            String text = text(row.get(p.source()));
            if (text == null || text.isBlank()) {
                output.filter(row);
                continue;
            }
            String documentId = documentId(row, p, text);
            if (documentId == null) {
                context.dirtyRecords().report(row, TextSplitterErrorCode.NULL_DOCUMENT_ID, "idColumn \""
                        + settings.idColumn() + "\" is NULL or empty: its chunks would get no stable id");
                continue;
            }
            List<Piece> chunks;
            try {
                chunks = chunks(text);
            } catch (TextSplitter.OversizedGraphemeException e) {
                context.dirtyRecords().report(row, TextSplitterErrorCode.CHUNK_TOO_LARGE, e.getMessage());
                continue;
            }
            for (int i = 0; i < chunks.size(); i++) {
                Object[] values = new Object[p.output().size()];
                for (int c = 0; c < row.size(); c++) {
                    values[c] = row.get(c);
                }
                values[p.text()] = chunks.get(i).text();
                values[p.index()] = (long) i;
                values[p.count()] = (long) chunks.size();
                values[p.chunkId()] = documentId + "#" + i;
                if (p.headingPath() >= 0) {
                    values[p.headingPath()] = chunks.get(i).headingPath();
                }
                output.emit(Row.wrap(p.output(), values));
            }
        }
    }

    /** A chunk's text and, for markdown, its heading path. */
    record Piece(String text, String headingPath) {
    }

    /** The chunks of one document, in order. */
    List<Piece> chunks(String text) throws TextSplitter.OversizedGraphemeException {
        List<Piece> out = new ArrayList<>();
        if (!settings.markdown()) {
            for (TextSplitter.Chunk c : splitter.split(text)) {
                out.add(new Piece(c.text(), null));
            }
            return out;
        }
        for (MarkdownSections.Section s : MarkdownSections.of(text)) {
            for (TextSplitter.Chunk c : splitter.split(text, s.start(), s.end())) {
                out.add(new Piece(c.text(), s.headingPath()));
            }
        }
        return out;
    }

    private String documentId(Row row, Plan p, String text) {
        if (p.id() < 0) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
        Object id = row.get(p.id());
        String s = id == null ? null : id instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : id.toString();
        return s == null || s.isEmpty() ? null : s;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value.toString();
    }

    private Plan planFor(Schema schema) {
        Plan p = plan;
        if (p == null || !p.input().equals(schema)) {
            outputSchema(schema);
            p = plan;
        }
        return p;
    }
}
