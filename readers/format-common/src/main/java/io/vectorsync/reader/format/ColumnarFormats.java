package io.vectorsync.reader.format;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Schema;
import java.util.List;

/** Checks shared by the ORC and Parquet readers: which file columns a step reads, and that the file fits. */
public final class ColumnarFormats {
    private ColumnarFormats() {
    }

    /**
     * The file columns to read. With {@code columns} null (["*"]) every column, and the file's schema must equal
     * the planned one (taken from the first file); otherwise every index must exist in the file.
     */
    public static boolean[] neededColumns(String file, List<FileColumn> columns, Schema fileSchema, Schema planned) {
        boolean[] needed = new boolean[fileSchema.size()];
        if (columns == null) {
            if (!fileSchema.equals(planned)) {
                throw new PluginException(FormatErrorCode.SCHEMA_MISMATCH, file + " has columns " + fileSchema
                        + " but the first file, which fixed the step's schema for column [\"*\"], has " + planned
                        + "; read files of one schema per step, or list the columns by index");
            }
            java.util.Arrays.fill(needed, true);
            return needed;
        }
        for (int i = 0; i < columns.size(); i++) {
            FileColumn c = columns.get(i);
            if (c.isConstant()) {
                continue;
            }
            if (c.index() >= fileSchema.size()) {
                throw new PluginException(FormatErrorCode.SCHEMA_MISMATCH, file + " has " + fileSchema.size()
                        + " columns " + fileSchema + " but column[" + i + "] reads index " + c.index());
            }
            needed[c.index()] = true;
        }
        return needed;
    }
}
