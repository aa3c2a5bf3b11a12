package io.vectorsync.reader.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.UnionColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.TypeDescription;

/**
 * Reads one ORC file with orc-core, only the columns the step needs. Type mapping: boolean → boolean; tinyint,
 * smallint, int, bigint → long; float, double → double; string, varchar, char → string; binary → bytes; date →
 * date; timestamp (read as UTC) and timestamp with local time zone → timestamp; decimal → decimal; array&lt;T&gt;
 * → array of T's mapping (array&lt;float&gt; is array&lt;double&gt;, not a vector); map, struct, uniontype → json.
 */
public final class OrcSplitReader implements SplitReader {
    private final RowMapper mapper;
    private final String file;
    private final Reader reader;
    private final RecordReader rows;
    private final VectorizedRowBatch batch;
    private final List<TypeDescription> fileTypes;
    private final DataType[] naturalTypes;
    private final boolean[] needed;
    private long rowNumber;

    public OrcSplitReader(FileSystem fs, String path, long length, RowMapper mapper, List<FileColumn> columns,
                       Schema planned) throws IOException {
        this.mapper = mapper;
        this.file = path;
        this.reader = open(fs, path);
        try {
            TypeDescription schema = reader.getSchema();
            fileTypes = schema.getChildren() == null ? List.of() : schema.getChildren();
            naturalTypes = new DataType[fileTypes.size()];
            for (int k = 0; k < naturalTypes.length; k++) {
                naturalTypes[k] = dataType(fileTypes.get(k));
            }
            needed = ColumnarFormats.neededColumns(file, columns, fileSchema(schema), planned);
            boolean[] include = new boolean[schema.getMaximumId() + 1];
            include[0] = true;
            for (int k = 0; k < needed.length; k++) {
                if (needed[k]) {
                    TypeDescription t = fileTypes.get(k);
                    Arrays.fill(include, t.getId(), t.getMaximumId() + 1, true);
                }
            }
            rows = reader.rows(reader.options().include(include));
            batch = schema.createRowBatch(1024);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    public static Reader open(FileSystem fs, String path) throws IOException {
        Configuration conf = fs.getConf();
        return OrcFile.createReader(new Path(path), OrcFile.readerOptions(conf).filesystem(fs).useUTCTimestamp(true));
    }

    /** The file's columns as a schema: its field names and mapped types. */
    public static Schema fileSchema(TypeDescription struct) {
        Schema.Builder b = Schema.builder();
        List<String> names = struct.getFieldNames();
        for (int k = 0; k < names.size(); k++) {
            b.field(names.get(k), dataType(struct.getChildren().get(k)));
        }
        return b.build();
    }

    public static DataType dataType(TypeDescription t) {
        return switch (t.getCategory()) {
            case BOOLEAN -> DataType.BOOLEAN;
            case BYTE, SHORT, INT, LONG -> DataType.INT64;
            case FLOAT, DOUBLE -> DataType.FLOAT64;
            case STRING, VARCHAR, CHAR -> DataType.STRING;
            case BINARY -> DataType.BYTES;
            case DATE -> DataType.DATE;
            case TIMESTAMP, TIMESTAMP_INSTANT -> DataType.TIMESTAMP;
            case DECIMAL -> DataType.DECIMAL;
            case LIST -> DataType.array(dataType(t.getChildren().get(0)));
            case MAP, STRUCT, UNION -> DataType.JSON;
        };
    }

    @Override
    public PollStatus poll(RecordOutput output) throws IOException {
        if (!rows.nextBatch(batch)) {
            return PollStatus.END;
        }
        for (int r = 0; r < batch.size; r++) {
            rowNumber++;
            Object[] values = new Object[fileTypes.size()];
            for (int k = 0; k < values.length; k++) {
                if (needed[k]) {
                    values[k] = natural(value(batch.cols[k], r, fileTypes.get(k)), naturalTypes[k]);
                }
            }
            Row rec = mapper.fromNatural(values, naturalTypes, file + " row " + rowNumber);
            if (rec != null) {
                output.emit(rec);
            }
        }
        return PollStatus.MORE;
    }

    /** Nested maps and structs become JSON text where the type says json. */
    public static Object natural(Object value, DataType type) throws JsonProcessingException {
        if (value == null) {
            return null;
        }
        if (type.kind() == DataType.Kind.JSON && !(value instanceof String)) {
            return FileValues.JSON.writeValueAsString(FileValues.jsonValue(value));
        }
        if (type.kind() == DataType.Kind.ARRAY && type.elementType().kind() != DataType.Kind.JSON
                && type.elementType().kind() != DataType.Kind.ARRAY) {
            return value;
        }
        if (type.kind() == DataType.Kind.ARRAY) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) value) {
                out.add(natural(e, type.elementType()));
            }
            return out;
        }
        return value;
    }

    /** The Java value of row {@code r} of {@code v}: maps and structs as Java maps. */
    public static Object value(ColumnVector v, int r, TypeDescription t) {
        int row = v.isRepeating ? 0 : r;
        if (!v.noNulls && v.isNull[row]) {
            return null;
        }
        switch (t.getCategory()) {
            case BOOLEAN:
                return ((LongColumnVector) v).vector[row] != 0;
            case BYTE: case SHORT: case INT: case LONG:
                return ((LongColumnVector) v).vector[row];
            case FLOAT:
                return Double.parseDouble(Float.toString((float) ((DoubleColumnVector) v).vector[row]));
            case DOUBLE:
                return ((DoubleColumnVector) v).vector[row];
            case STRING: case VARCHAR: case CHAR:
                return ((BytesColumnVector) v).toString(row);
            case BINARY: {
                BytesColumnVector b = (BytesColumnVector) v;
                return Arrays.copyOfRange(b.vector[row], b.start[row], b.start[row] + b.length[row]);
            }
            case DATE:
                return LocalDate.ofEpochDay(((LongColumnVector) v).vector[row]);
            case TIMESTAMP: case TIMESTAMP_INSTANT: {
                TimestampColumnVector ts = (TimestampColumnVector) v;
                return Instant.ofEpochSecond(Math.floorDiv(ts.time[row], 1000L), ts.nanos[row]);
            }
            case DECIMAL:
                return ((DecimalColumnVector) v).vector[row].getHiveDecimal().bigDecimalValue()
                        .setScale(t.getScale(), java.math.RoundingMode.UNNECESSARY);
            case LIST: {
                ListColumnVector l = (ListColumnVector) v;
                List<Object> out = new ArrayList<>((int) l.lengths[row]);
                for (long i = l.offsets[row]; i < l.offsets[row] + l.lengths[row]; i++) {
                    out.add(value(l.child, (int) i, t.getChildren().get(0)));
                }
                return out;
            }
            case MAP: {
                MapColumnVector m = (MapColumnVector) v;
                Map<String, Object> out = new LinkedHashMap<>();
                for (long i = m.offsets[row]; i < m.offsets[row] + m.lengths[row]; i++) {
                    Object key = value(m.keys, (int) i, t.getChildren().get(0));
                    out.put(FileValues.toText(key), value(m.values, (int) i, t.getChildren().get(1)));
                }
                return out;
            }
            case STRUCT: {
                StructColumnVector s = (StructColumnVector) v;
                Map<String, Object> out = new LinkedHashMap<>();
                for (int i = 0; i < s.fields.length; i++) {
                    out.put(t.getFieldNames().get(i), value(s.fields[i], row, t.getChildren().get(i)));
                }
                return out;
            }
            case UNION: {
                UnionColumnVector u = (UnionColumnVector) v;
                int tag = u.tags[row];
                return value(u.fields[tag], row, t.getChildren().get(tag));
            }
            default:
                throw new IllegalStateException("unknown ORC type " + t);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            rows.close();
        } finally {
            reader.close();
        }
    }
}
