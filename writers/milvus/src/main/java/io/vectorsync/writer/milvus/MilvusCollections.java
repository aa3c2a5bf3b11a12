package io.vectorsync.writer.milvus;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.partition.request.CreatePartitionReq;
import io.milvus.v2.service.partition.request.HasPartitionReq;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collection-level calls of the writer: exists, describe, drop, create with vector index (then loaded), partitions. */
final class MilvusCollections {
    private final MilvusClientV2 client;
    private final String database;
    private final String collection;

    MilvusCollections(MilvusClientV2 client, String database, String collection) {
        this.client = client;
        this.database = database;
        this.collection = collection;
    }

    boolean exists() {
        return client.hasCollection(HasCollectionReq.builder().databaseName(database).collectionName(collection).build());
    }

    MilvusTarget describe() {
        return MilvusTarget.of(client.describeCollection(DescribeCollectionReq.builder().databaseName(database)
                .collectionName(collection).build()));
    }

    void drop() {
        client.dropCollection(DropCollectionReq.builder().databaseName(database).collectionName(collection).build());
    }

    void ensurePartition(String partition) {
        boolean has = client.hasPartition(HasPartitionReq.builder().databaseName(database).collectionName(collection)
                .partitionName(partition).build());
        if (!has) {
            client.createPartition(CreatePartitionReq.builder().databaseName(database).collectionName(collection)
                    .partitionName(partition).build());
        }
    }

    /** Creates the collection with an index on every vector field; the SDK then loads it. */
    void create(List<MilvusColumn> columns, boolean dynamic, String indexType, String metricType,
                Map<String, Object> indexParams) {
        CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder()
                .enableDynamicField(dynamic).build();
        List<IndexParam> indexes = new ArrayList<>();
        for (MilvusColumn c : columns) {
            AddFieldReq.AddFieldReqBuilder<?> f = AddFieldReq.builder().fieldName(c.name()).dataType(c.type());
            if (c.primaryKey()) {
                f.isPrimaryKey(true).autoID(c.autoId());
            }
            if (c.partitionKey()) {
                f.isPartitionKey(true);
            }
            if (c.nullable()) {
                f.isNullable(true);
            }
            if (c.maxLength() > 0) {
                f.maxLength(c.maxLength());
            }
            if (MilvusColumn.isDenseVector(c.type())) {
                f.dimension(c.dimension());
            }
            if (c.type() == DataType.Array) {
                f.elementType(c.elementType()).maxCapacity(c.maxCapacity());
            }
            schema.addField(f.build());
            if (MilvusColumn.isVector(c.type())) {
                indexes.add(index(c, indexType, metricType, indexParams));
            }
        }
        client.createCollection(CreateCollectionReq.builder().databaseName(database).collectionName(collection)
                .collectionSchema(schema).indexParams(indexes).build());
    }

    private static IndexParam index(MilvusColumn c, String indexType, String metricType, Map<String, Object> params) {
        IndexParam.MetricType metric = IndexParam.MetricType.valueOf(metricType.toUpperCase(java.util.Locale.ROOT));
        IndexParam.IndexType type = IndexParam.IndexType.valueOf(indexType.toUpperCase(java.util.Locale.ROOT));
        if (c.type() == DataType.SparseFloatVector) {
            metric = IndexParam.MetricType.IP; // the only metric Milvus accepts for sparse vectors
            if (type != IndexParam.IndexType.SPARSE_WAND) {
                // indexType names the dense vectors' index (default AUTOINDEX); a sparse field always gets the
                // inverted index unless SPARSE_WAND was asked for
                type = IndexParam.IndexType.SPARSE_INVERTED_INDEX;
            }
        } else if (c.type() == DataType.BinaryVector && metric != IndexParam.MetricType.JACCARD) {
            metric = IndexParam.MetricType.HAMMING;
        }
        IndexParam.IndexParamBuilder b = IndexParam.builder().fieldName(c.name()).indexType(type).metricType(metric);
        if (params != null && !params.isEmpty()) {
            b.extraParams(params);
        }
        return b.build();
    }
}
