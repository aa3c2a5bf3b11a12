package io.vectorsync.transformer.jsonextracting;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.ParseContext;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.Suggestions;
import io.vectorsync.api.error.DirtyRecordReporter;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code json-extracting} step: adds columns whose values are read with JSON paths from JSON text in other
 * columns. Each source column is parsed once per record however many columns read from it. Stateless after
 * planning, so safe to share between streams.
 */
final class JsonExtractingTransformer implements Transformer {
    private final List<ExtractColumn> columns;
    private final PluginContext context;
    private final ParseContext parser;
    private final JsonValueConverter converter;
    private volatile Plan plan;

    /** Positions resolved against the planned input schema. */
    private record Plan(Schema input, Schema output, int[] sourceSlot, int[] sourcePositions, int[] targetPositions) {
    }

    JsonExtractingTransformer(List<ExtractColumn> columns, PluginContext context) {
        this.columns = List.copyOf(columns);
        this.context = requireNonNull(context, "context is null");
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        Configuration conf = Configuration.builder()
                .jsonProvider(new JacksonJsonProvider(mapper))
                .mappingProvider(new JacksonMappingProvider(mapper))
                .build();
        this.parser = com.jayway.jsonpath.JsonPath.using(conf);
        this.converter = new JsonValueConverter(mapper);
    }

    @Override
    public Schema outputSchema(Schema input) {
        List<Integer> sources = new ArrayList<>();
        int[] slot = new int[columns.size()];
        Schema.Builder out = input.toBuilder();
        for (int i = 0; i < columns.size(); i++) {
            ExtractColumn c = columns.get(i);
            int pos = input.indexOf(c.fromColumn());
            if (pos < 0) {
                String suggestion = Suggestions.closest(c.fromColumn(), input.names());
                throw new PluginException(JsonExtractingErrorCode.COLUMN_NOT_FOUND, context.stepName()
                        + ": \"column[" + i + "].fromColumn\": no column \"" + c.fromColumn() + "\" in the input"
                        + (suggestion == null ? "" : "; did you mean \"" + suggestion + "\"?")
                        + "; available fields: " + input.names());
            }
            if (input.field(pos).type().isVector()) {
                throw PluginException.config("column[" + i + "].fromColumn", "column \"" + c.fromColumn()
                        + "\" is a vector, not JSON text (step " + context.stepName() + ")");
            }
            if (!sources.contains(pos)) {
                sources.add(pos);
            }
            slot[i] = sources.indexOf(pos);
            out.put(Field.of(c.name(), c.type()));
        }
        Schema output = out.build();
        int[] targets = new int[columns.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = output.indexOf(columns.get(i).name());
        }
        int[] sourcePositions = sources.stream().mapToInt(Integer::intValue).toArray();
        plan = new Plan(input, output, slot, sourcePositions, targets);
        return output;
    }

    @Override
    public void transform(List<Row> batch, TransformOutput output) {
        if (batch.isEmpty()) {
            return;
        }
        Plan p = planFor(batch.get(0).schema());
        DirtyRecordReporter dirty = context.dirtyRecords();
        for (Row record : batch) {
            Object[] values = new Object[p.output().size()];
            for (int i = 0; i < record.size(); i++) {
                values[i] = record.get(i);
            }
            Object[] docs = new Object[p.sourcePositions().length];
            StringBuilder problems = null;
            ErrorCode firstCode = null;
            for (int i = 0; i < columns.size(); i++) {
                ExtractColumn c = columns.get(i);
                try {
                    values[p.targetPositions()[i]] = extract(record, c, p.sourcePositions()[p.sourceSlot()[i]],
                            docs, p.sourceSlot()[i]);
                } catch (ExtractionFailure f) {
                    values[p.targetPositions()[i]] = null;
                    if (c.action() == ExtractColumn.Action.DIRTY_DATA) {
                        problems = problems == null ? new StringBuilder() : problems.append("; ");
                        problems.append("column \"").append(c.name()).append("\": ").append(f.getMessage());
                        firstCode = firstCode == null ? f.code() : firstCode;
                    }
                }
            }
            if (problems != null) {
                dirty.report(record, firstCode, problems
                        + " (set nullOrInvalidDataAction to NULL to keep such records with a NULL column)");
            } else {
                output.emit(Row.wrap(p.output(), values));
            }
        }
    }

    private Object extract(Row record, ExtractColumn c, int sourcePos, Object[] docs, int slot)
            throws ExtractionFailure {
        Object doc = docs[slot];
        if (doc == null) {
            doc = parse(record.get(sourcePos), c);
            docs[slot] = doc;
        }
        if (doc instanceof ExtractionFailure f) {
            throw f;
        }
        Object value;
        try {
            value = ((DocumentContext) doc).read(c.jsonPath());
        } catch (PathNotFoundException e) {
            throw new ExtractionFailure(JsonExtractingErrorCode.PATH_NOT_FOUND, "nothing at " + c.jsonPathText()
                    + " in fromColumn \"" + c.fromColumn() + "\"");
        } catch (JsonPathException e) {
            throw new ExtractionFailure(JsonExtractingErrorCode.PATH_NOT_FOUND, "cannot read " + c.jsonPathText()
                    + " in fromColumn \"" + c.fromColumn() + "\": " + e.getMessage());
        }
        if (value == null) {
            throw new ExtractionFailure(JsonExtractingErrorCode.NULL_VALUE, "the value at " + c.jsonPathText()
                    + " in fromColumn \"" + c.fromColumn() + "\" is null");
        }
        if (value instanceof List<?> list && list.isEmpty() && !c.jsonPath().isDefinite()) {
            throw new ExtractionFailure(JsonExtractingErrorCode.PATH_NOT_FOUND, "nothing matches " + c.jsonPathText()
                    + " in fromColumn \"" + c.fromColumn() + "\"");
        }
        try {
            return converter.convert(value, c.type());
        } catch (ExtractionFailure f) {
            throw new ExtractionFailure(f.code(), f.getMessage() + " (at " + c.jsonPathText() + ")");
        }
    }

    /** The parsed document of a source value, or the failure to keep for the other columns reading it. */
    private Object parse(Object source, ExtractColumn c) {
        if (source == null) {
            return new ExtractionFailure(JsonExtractingErrorCode.NULL_VALUE, "fromColumn \"" + c.fromColumn()
                    + "\" is NULL");
        }
        String text = source instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : source.toString();
        try {
            return parser.parse(text);
        } catch (InvalidJsonException | IllegalArgumentException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : String.valueOf(e.getMessage());
            int nl = reason.indexOf('\n');
            reason = JsonValueConverter.abbreviate(nl < 0 ? reason : reason.substring(0, nl));
            return new ExtractionFailure(JsonExtractingErrorCode.INVALID_JSON, "fromColumn \"" + c.fromColumn()
                    + "\" is not valid JSON (" + reason + "): \"" + JsonValueConverter.abbreviate(text) + "\"");
        }
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
