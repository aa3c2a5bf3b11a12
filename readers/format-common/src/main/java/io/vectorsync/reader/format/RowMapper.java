package io.vectorsync.reader.format;

import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.DirtyRecordReporter;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Turns one row of a file (the fields of a text line, or the values of an ORC/Parquet row) into a record of the
 * step's schema. A row that does not fit becomes a dirty record naming the file and line/row; it returns null.
 */
public final class RowMapper {
    private final Schema schema;
    private final List<FileColumn> columns;
    private final Object[] constants;
    private final Charset charset;
    private final String nullFormat;
    private final DirtyRecordReporter dirty;
    private final int maxIndex;

    /**
     * @param columns the job's columns, or null to take every field in order (schema fields then match the row)
     */
    public RowMapper(Schema schema, List<FileColumn> columns, Charset charset, String nullFormat,
                  DirtyRecordReporter dirty) {
        this.schema = schema;
        this.columns = columns;
        this.charset = charset;
        this.nullFormat = nullFormat;
        this.dirty = dirty;
        this.constants = new Object[schema.size()];
        int max = -1;
        if (columns != null) {
            for (int i = 0; i < columns.size(); i++) {
                FileColumn c = columns.get(i);
                if (c.isConstant()) {
                    try {
                        constants[i] = FileValues.fromText(c.constant(), c.type(), c.format(), charset);
                    } catch (FileValues.ConversionException e) {
                        throw PluginException.config("column[" + i + "].value", e.getMessage());
                    }
                } else {
                    max = Math.max(max, c.index());
                }
            }
        }
        this.maxIndex = max;
    }

    public Schema schema() {
        return schema;
    }

    /** The largest index the columns read, or -1 (constants only, or every field). */
    public int maxIndex() {
        return maxIndex;
    }

    /** A record of text {@code fields}; {@code where} is "file line N" and {@code raw} the line, for messages. */
    public Row fromText(String[] fields, String where, String raw) {
        Object[] values = new Object[schema.size()];
        if (columns == null) {
            if (fields.length != schema.size()) {
                dirty.reportRaw(raw, CommonErrorCode.MALFORMED_RECORD, where + ": has " + fields.length
                        + " fields but the columns read with [\"*\"] are " + schema.size()
                        + " (taken from the first line of the first file)");
                return null;
            }
            for (int i = 0; i < fields.length; i++) {
                values[i] = isNull(fields[i]) ? null : fields[i];
            }
            return Row.wrap(schema, values);
        }
        if (maxIndex >= fields.length) {
            dirty.reportRaw(raw, CommonErrorCode.MALFORMED_RECORD, where + ": has " + fields.length
                    + " fields but column index " + maxIndex + " is read");
            return null;
        }
        for (int i = 0; i < values.length; i++) {
            FileColumn c = columns.get(i);
            if (c.isConstant()) {
                values[i] = constants[i];
                continue;
            }
            String text = fields[c.index()];
            if (isNull(text)) {
                continue;
            }
            try {
                values[i] = FileValues.fromText(text, c.type(), c.format(), charset);
            } catch (FileValues.ConversionException e) {
                dirty.reportRaw(raw, CommonErrorCode.CONVERSION_FAILED, where + ", field " + c.name() + " (index "
                        + c.index() + "): " + e.getMessage());
                return null;
            }
        }
        return Row.wrap(schema, values);
    }

    /**
     * A record of an ORC/Parquet row: {@code values[k]} is file column k's value (null when not read), of type
     * {@code types[k]}.
     */
    public Row fromNatural(Object[] row, DataType[] types, String where) {
        if (columns == null) {
            return Row.wrap(schema, row);
        }
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            FileColumn c = columns.get(i);
            if (c.isConstant()) {
                values[i] = constants[i];
                continue;
            }
            try {
                values[i] = FileValues.fromNatural(row[c.index()], types[c.index()], c.type(), c.format());
            } catch (FileValues.ConversionException e) {
                dirty.reportRaw(FileValues.abbreviate(FileValues.toText(row[c.index()])),
                        CommonErrorCode.CONVERSION_FAILED, where + ", field " + c.name() + " (index " + c.index()
                                + "): " + e.getMessage());
                return null;
            }
        }
        return Row.wrap(schema, values);
    }

    /** Reports input that never became a record. */
    public void dirtyRaw(String raw, String message) {
        dirty.reportRaw(raw, CommonErrorCode.MALFORMED_RECORD, message);
    }

    private boolean isNull(String text) {
        return nullFormat != null && nullFormat.equals(text);
    }
}
