package io.vectorsync.core.datax;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.transform.TransformerContext;
import io.vectorsync.api.transform.TransformerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DataX's column transformers, built into the core so that a DataX job's {@code transformer} list runs: each entry
 * {@code {"name": "dx_substr", "parameter": {"columnIndex": 1, "paras": ["0", "4"]}}} becomes a step of that type.
 * The field at {@code columnIndex} (0-based, in the records reaching the step) becomes a string, as in DataX;
 * {@code dx_filter} drops rows. A value the function cannot take (a start beyond the string's end, a number to
 * compare that is not one) makes the row dirty, as DataX counts it. {@code dx_groovy} is not among them: this engine
 * runs no Groovy.
 */
public final class DataxTransformerFactory implements TransformerFactory {
    /** The DataX transformers this engine runs, by their DataX names. */
    public static final List<String> NAMES = List.of("dx_substr", "dx_pad", "dx_replace", "dx_filter", "dx_digest");

    static final Option<Integer> COLUMN_INDEX = Option.intOption("columnIndex").required()
            .check(i -> i >= 0, "must be 0 or more")
            .description("The field the function works on: its 0-based position in the records.").build();
    static final Option<List<String>> PARAS = Option.stringListOption("paras").required()
            .description("The function's arguments, as DataX's transformer.md gives them.").build();

    private final String name;

    private DataxTransformerFactory(String name) {
        this.name = name;
    }

    /** The built-in factory for a DataX transformer name, if it is one this engine runs. */
    public static Optional<TransformerFactory> find(String name) {
        return NAMES.contains(name) ? Optional.of(new DataxTransformerFactory(name)) : Optional.empty();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "DataX's " + name + " column transformer.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().add(COLUMN_INDEX, PARAS).build();
    }

    @Override
    public Transformer create(PluginConfig config, TransformerContext context) {
        int index = config.get(COLUMN_INDEX);
        DataxFunction function = DataxFunction.of(name, config.get(PARAS));
        return new Transformer() {
            private Schema output;
            private DataType inputType;

            @Override
            public Schema outputSchema(Schema input) {
                if (index >= input.size()) {
                    throw PluginException.config("columnIndex", index + " is beyond the " + input.size()
                            + " fields of the records " + input.names());
                }
                inputType = input.field(index).type();
                if (!function.producesString()) {
                    output = input;
                    return output;
                }
                List<Field> fields = new ArrayList<>(input.fields());
                fields.set(index, Field.of(fields.get(index).name(), DataType.STRING));
                output = Schema.of(fields);
                return output;
            }

            @Override
            public void transform(List<Row> batch, TransformOutput out) {
                for (Row row : batch) {
                    Object result;
                    try {
                        result = function.apply(row.get(index), inputType);
                    } catch (IllegalArgumentException e) {
                        context.dirtyRecords().report(row, CommonErrorCode.CONVERSION_FAILED, e.getMessage());
                        continue;
                    }
                    if (result == DataxFunction.FILTERED) {
                        out.filter(row);
                    } else if (!function.producesString()) {
                        out.emit(row);
                    } else {
                        Object[] values = new Object[row.size()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = row.get(i);
                        }
                        values[index] = result;
                        out.emit(Row.wrap(output, values));
                    }
                }
            }
        };
    }
}
