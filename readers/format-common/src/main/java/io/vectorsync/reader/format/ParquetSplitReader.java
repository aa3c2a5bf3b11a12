package io.vectorsync.reader.format;

import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads one Parquet file with parquet-hadoop's example Group API, projected to the columns the step needs. Type
 * mapping: boolean → boolean; int32/int64 (any INT annotation) → long; DATE → date; TIMESTAMP (millis, micros,
 * nanos) and legacy int96 → timestamp; DECIMAL → decimal; float, double → double; binary with STRING/ENUM →
 * string, JSON → json, UUID → string, else bytes; LIST (and repeated fields) → array of the element's mapping
 * (a list of float is array&lt;double&gt;, not a vector); MAP and other groups → json.
 */
public final class ParquetSplitReader implements SplitReader {
    private static final int BATCH = 512;
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private final RowMapper mapper;
    private final String file;
    private final ParquetReader<Group> reader;
    private final MessageType fileSchema;
    private final DataType[] naturalTypes;
    private final int[] projected;
    private long rowNumber;

    public ParquetSplitReader(FileSystem fs, String path, long length, RowMapper mapper, List<FileColumn> columns,
                           Schema planned) throws IOException {
        this.mapper = mapper;
        this.file = path;
        InputFile input = inputFile(fs, path, length);
        this.fileSchema = footerSchema(input);
        naturalTypes = new DataType[fileSchema.getFieldCount()];
        for (int k = 0; k < naturalTypes.length; k++) {
            naturalTypes[k] = dataType(fileSchema.getType(k));
        }
        boolean[] needed = ColumnarFormats.neededColumns(file, columns, schema(fileSchema), planned);
        List<Type> fields = new ArrayList<>();
        projected = new int[naturalTypes.length];
        for (int k = 0; k < needed.length; k++) {
            projected[k] = needed[k] ? fields.size() : -1;
            if (needed[k]) {
                fields.add(fileSchema.getType(k));
            }
        }
        Configuration conf = new Configuration(fs.getConf());
        conf.set(ReadSupport.PARQUET_READ_SCHEMA, new MessageType(fileSchema.getName(), fields).toString());
        this.reader = new GroupReaderBuilder(input).withConf(conf).build();
    }

    public static InputFile inputFile(FileSystem fs, String path, long length) {
        return new InputFile() {
            @Override
            public long getLength() {
                return length;
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                return HadoopStreams.wrap(fs.open(new Path(path)));
            }

            @Override
            public String toString() {
                return path;
            }
        };
    }

    public static MessageType footerSchema(InputFile input) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(input)) {
            return r.getFooter().getFileMetaData().getSchema();
        }
    }

    /** The file's top-level fields as a schema: their names and mapped types. */
    public static Schema schema(MessageType message) {
        Schema.Builder b = Schema.builder();
        for (Type t : message.getFields()) {
            b.field(t.getName(), dataType(t));
        }
        return b.build();
    }

    public static DataType dataType(Type t) {
        if (t.isRepetition(Type.Repetition.REPEATED)) {
            return DataType.array(baseType(t));
        }
        return baseType(t);
    }

    private static DataType baseType(Type t) {
        LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
        if (!t.isPrimitive()) {
            if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                return DataType.array(dataType(listElement(t.asGroupType())));
            }
            return DataType.JSON;
        }
        PrimitiveType p = t.asPrimitiveType();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            return DataType.DECIMAL;
        }
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN:
                return DataType.BOOLEAN;
            case INT32:
                return logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? DataType.DATE
                        : DataType.INT64;
            case INT64:
                return logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ? DataType.TIMESTAMP
                        : DataType.INT64;
            case INT96:
                return DataType.TIMESTAMP;
            case FLOAT: case DOUBLE:
                return DataType.FLOAT64;
            default:
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    return DataType.STRING;
                }
                return logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation ? DataType.JSON
                        : DataType.BYTES;
        }
    }

    /** The element type of a LIST group, for the 3-level and the legacy 2-level layouts. */
    private static Type listElement(GroupType list) {
        Type repeated = list.getType(0);
        if (repeated.isPrimitive() || isLegacyElementGroup(repeated.asGroupType(), list.getName())) {
            return required(repeated);
        }
        return repeated.asGroupType().getType(0);
    }

    private static boolean isLegacyElementGroup(GroupType repeated, String listName) {
        return repeated.getFieldCount() > 1 || repeated.getName().equals("array")
                || repeated.getName().equals(listName + "_tuple");
    }

    private static Type required(Type t) {
        if (t.isPrimitive()) {
            PrimitiveType p = t.asPrimitiveType();
            return org.apache.parquet.schema.Types.required(p.getPrimitiveTypeName()).length(p.getTypeLength())
                    .as(p.getLogicalTypeAnnotation()).named(p.getName());
        }
        return org.apache.parquet.schema.Types.buildGroup(Type.Repetition.REQUIRED).as(t.getLogicalTypeAnnotation())
                .addFields(t.asGroupType().getFields().toArray(new Type[0])).named(t.getName());
    }

    @Override
    public PollStatus poll(RecordOutput output) throws IOException {
        for (int i = 0; i < BATCH; i++) {
            Group g = reader.read();
            if (g == null) {
                return PollStatus.END;
            }
            rowNumber++;
            Object[] values = new Object[naturalTypes.length];
            for (int k = 0; k < values.length; k++) {
                if (projected[k] >= 0) {
                    values[k] = OrcSplitReader.natural(field(g, projected[k], fileSchema.getType(k)),
                            naturalTypes[k]);
                }
            }
            Row rec = mapper.fromNatural(values, naturalTypes, file + " row " + rowNumber);
            if (rec != null) {
                output.emit(rec);
            }
        }
        return PollStatus.MORE;
    }

    /** The value of field {@code f} of {@code g}: a list for repeated fields, null when absent. */
    private static Object field(Group g, int f, Type t) {
        int n = g.getFieldRepetitionCount(f);
        if (t.isRepetition(Type.Repetition.REPEATED)) {
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(value(g, f, i, t));
            }
            return out;
        }
        return n == 0 ? null : value(g, f, 0, t);
    }

    private static Object value(Group g, int f, int i, Type t) {
        if (!t.isPrimitive()) {
            Group child = g.getGroup(f, i);
            GroupType gt = t.asGroupType();
            LogicalTypeAnnotation logical = gt.getLogicalTypeAnnotation();
            if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                return list(child, gt);
            }
            if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                    || logical == LogicalTypeAnnotation.MapKeyValueTypeAnnotation.getInstance()) {
                Map<String, Object> out = new LinkedHashMap<>();
                GroupType kv = gt.getType(0).asGroupType();
                for (int j = 0; j < child.getFieldRepetitionCount(0); j++) {
                    Group entry = child.getGroup(0, j);
                    Object key = field(entry, 0, kv.getType(0));
                    out.put(FileValues.toText(key), kv.getFieldCount() > 1 ? field(entry, 1, kv.getType(1)) : null);
                }
                return out;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (int j = 0; j < gt.getFieldCount(); j++) {
                out.put(gt.getFieldName(j), field(child, j, gt.getType(j)));
            }
            return out;
        }
        return primitive(g, f, i, t.asPrimitiveType());
    }

    private static List<Object> list(Group list, GroupType listType) {
        Type repeated = listType.getType(0);
        int n = list.getFieldRepetitionCount(0);
        List<Object> out = new ArrayList<>(n);
        boolean legacy = repeated.isPrimitive() || isLegacyElementGroup(repeated.asGroupType(), listType.getName());
        for (int j = 0; j < n; j++) {
            if (legacy) {
                out.add(value(list, 0, j, required(repeated)));
            } else {
                Group element = list.getGroup(0, j);
                out.add(field(element, 0, repeated.asGroupType().getType(0)));
            }
        }
        return out;
    }

    private static Object primitive(Group g, int f, int i, PrimitiveType p) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN:
                return g.getBoolean(f, i);
            case INT32: {
                int v = g.getInteger(f, i);
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return LocalDate.ofEpochDay(v);
                }
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return BigDecimal.valueOf(v, d.getScale());
                }
                if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation a && !a.isSigned()) {
                    return Integer.toUnsignedLong(v);
                }
                return (long) v;
            }
            case INT64: {
                long v = g.getLong(f, i);
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    return switch (ts.getUnit()) {
                        case MILLIS -> Instant.ofEpochMilli(v);
                        case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L),
                                Math.floorMod(v, 1_000_000L) * 1000L);
                        case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L),
                                Math.floorMod(v, 1_000_000_000L));
                    };
                }
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return BigDecimal.valueOf(v, d.getScale());
                }
                return v;
            }
            case INT96: {
                ByteBuffer b = ByteBuffer.wrap(g.getInt96(f, i).getBytes()).order(ByteOrder.LITTLE_ENDIAN);
                long nanosOfDay = b.getLong();
                long julianDay = Integer.toUnsignedLong(b.getInt());
                return Instant.ofEpochSecond(TimeUnit.DAYS.toSeconds(julianDay - JULIAN_EPOCH_DAY))
                        .plusNanos(nanosOfDay);
            }
            case FLOAT:
                return Double.parseDouble(Float.toString(g.getFloat(f, i)));
            case DOUBLE:
                return g.getDouble(f, i);
            default: {
                Binary bin = g.getBinary(f, i);
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return new BigDecimal(new BigInteger(bin.getBytes()), d.getScale());
                }
                if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    ByteBuffer b = ByteBuffer.wrap(bin.getBytes());
                    return new UUID(b.getLong(), b.getLong()).toString();
                }
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return bin.toStringUsingUTF8();
                }
                return bin.getBytes();
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** A ParquetReader builder over an {@link InputFile} for the example Group model. */
    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
