package io.vectorsync.writer.milvus;

import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of the target collection as the writer converts values for them: from {@code DescribeCollection}
 * when the collection exists, else from the {@code column} definitions it is about to be created with.
 */
final class MilvusTarget {
    /** One collection field. */
    record TargetField(String name, MilvusValues.FieldType type, boolean primaryKey, boolean autoId, boolean nullable) {
        boolean isVector() {
            return MilvusColumn.isVector(type.type());
        }
    }

    private final Map<String, TargetField> fields;
    private final boolean dynamic;

    private MilvusTarget(Map<String, TargetField> fields, boolean dynamic) {
        this.fields = Collections.unmodifiableMap(fields);
        this.dynamic = dynamic;
    }

    static MilvusTarget of(DescribeCollectionResp resp) {
        Map<String, TargetField> fields = new LinkedHashMap<>();
        CreateCollectionReq.CollectionSchema schema = resp.getCollectionSchema();
        for (CreateCollectionReq.FieldSchema f : schema.getFieldSchemaList()) {
            DataType element = f.getElementType() == null || f.getElementType() == DataType.None ? null : f.getElementType();
            fields.put(f.getName(), new TargetField(f.getName(),
                    new MilvusValues.FieldType(f.getDataType(), orZero(f.getDimension()), orZero(f.getMaxLength()),
                            element, orZero(f.getMaxCapacity())),
                    Boolean.TRUE.equals(f.getIsPrimaryKey()), Boolean.TRUE.equals(f.getAutoID()),
                    Boolean.TRUE.equals(f.getIsNullable())));
        }
        boolean dynamic = schema.isEnableDynamicField() || Boolean.TRUE.equals(resp.getEnableDynamicField());
        return new MilvusTarget(fields, dynamic);
    }

    static MilvusTarget of(List<MilvusColumn> columns, boolean dynamic) {
        Map<String, TargetField> fields = new LinkedHashMap<>();
        for (MilvusColumn c : columns) {
            fields.put(c.name(), new TargetField(c.name(),
                    new MilvusValues.FieldType(c.type(), c.dimension(), c.maxLength(), c.elementType(), c.maxCapacity()),
                    c.primaryKey(), c.autoId(), c.nullable()));
        }
        return new MilvusTarget(fields, dynamic);
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    Map<String, TargetField> fields() {
        return fields;
    }

    TargetField field(String name) {
        return fields.get(name);
    }

    boolean dynamic() {
        return dynamic;
    }

    /** The primary key field, or null. */
    TargetField primaryKey() {
        return fields.values().stream().filter(TargetField::primaryKey).findFirst().orElse(null);
    }

    boolean autoId() {
        TargetField pk = primaryKey();
        return pk != null && pk.autoId();
    }
}
