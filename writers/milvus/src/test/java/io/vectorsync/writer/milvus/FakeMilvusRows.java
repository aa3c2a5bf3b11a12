package io.vectorsync.writer.milvus;

import com.google.gson.JsonParser;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.VectorField;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Decodes the column-wise FieldData of an Insert/Upsert request into rows, for assertions. */
final class FakeMilvusRows {
    private FakeMilvusRows() {
    }

    static List<Map<String, Object>> decode(List<FieldData> fields, int numRows) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < numRows; i++) {
            rows.add(new LinkedHashMap<>());
        }
        for (FieldData f : fields) {
            for (int i = 0; i < numRows; i++) {
                rows.get(i).put(f.getIsDynamic() ? "$meta" : f.getFieldName(), value(f, i));
            }
        }
        return rows;
    }

    private static Object value(FieldData f, int i) {
        if (f.getValidDataCount() > 0 && !f.getValidData(i)) {
            return null;
        }
        // nullable fields carry only the valid values
        int at = i;
        if (f.getValidDataCount() > 0) {
            at = 0;
            for (int k = 0; k < i; k++) {
                at += f.getValidData(k) ? 1 : 0;
            }
        }
        if (f.hasScalars()) {
            ScalarField s = f.getScalars();
            return switch (s.getDataCase()) {
                case BOOL_DATA -> s.getBoolData().getData(at);
                case INT_DATA -> s.getIntData().getData(at);
                case LONG_DATA -> s.getLongData().getData(at);
                case FLOAT_DATA -> s.getFloatData().getData(at);
                case DOUBLE_DATA -> s.getDoubleData().getData(at);
                case STRING_DATA -> s.getStringData().getData(at);
                case JSON_DATA -> JsonParser.parseString(s.getJsonData().getData(at).toStringUtf8());
                case ARRAY_DATA -> s.getArrayData().getData(at);
                default -> throw new IllegalStateException("unexpected " + s.getDataCase());
            };
        }
        VectorField v = f.getVectors();
        int dim = (int) v.getDim();
        return switch (v.getDataCase()) {
            case FLOAT_VECTOR -> {
                float[] out = new float[dim];
                for (int k = 0; k < dim; k++) {
                    out[k] = v.getFloatVector().getData(at * dim + k);
                }
                yield out;
            }
            case FLOAT16_VECTOR -> v.getFloat16Vector().substring(at * dim * 2, (at + 1) * dim * 2).toByteArray();
            case BFLOAT16_VECTOR -> v.getBfloat16Vector().substring(at * dim * 2, (at + 1) * dim * 2).toByteArray();
            case BINARY_VECTOR -> v.getBinaryVector().substring(at * dim / 8, (at + 1) * dim / 8).toByteArray();
            case SPARSE_FLOAT_VECTOR -> {
                ByteBuffer b = v.getSparseFloatVector().getContents(at).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                Map<Long, Float> m = new TreeMap<>();
                while (b.remaining() >= 8) {
                    m.put(Integer.toUnsignedLong(b.getInt()), b.getFloat());
                }
                yield m;
            }
            default -> throw new IllegalStateException("unexpected " + v.getDataCase());
        };
    }
}
