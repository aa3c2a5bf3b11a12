package io.vectorsync.writer.milvus;

import com.google.protobuf.InvalidProtocolBufferException;
import io.milvus.grpc.BoolResponse;
import io.milvus.grpc.CollectionSchema;
import io.milvus.grpc.ConnectRequest;
import io.milvus.grpc.ConnectResponse;
import io.milvus.grpc.CreateCollectionRequest;
import io.milvus.grpc.CreateIndexRequest;
import io.milvus.grpc.CreatePartitionRequest;
import io.milvus.grpc.DataType;
import io.milvus.grpc.DescribeCollectionRequest;
import io.milvus.grpc.DescribeCollectionResponse;
import io.milvus.grpc.DropCollectionRequest;
import io.milvus.grpc.ErrorCode;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FieldSchema;
import io.milvus.grpc.FlushRequest;
import io.milvus.grpc.FlushResponse;
import io.milvus.grpc.GetFlushStateRequest;
import io.milvus.grpc.GetFlushStateResponse;
import io.milvus.grpc.GetLoadStateRequest;
import io.milvus.grpc.GetLoadStateResponse;
import io.milvus.grpc.HasCollectionRequest;
import io.milvus.grpc.HasPartitionRequest;
import io.milvus.grpc.IDs;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.ListDatabasesRequest;
import io.milvus.grpc.ListDatabasesResponse;
import io.milvus.grpc.LoadCollectionRequest;
import io.milvus.grpc.LoadState;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.MilvusServiceGrpc;
import io.milvus.grpc.MutationResult;
import io.milvus.grpc.Status;
import io.milvus.grpc.UpsertRequest;
import io.milvus.shaded.io.grpc.Server;
import io.milvus.shaded.io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.milvus.shaded.io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process Milvus built on the SDK's own generated service base: keeps collections (their real schemas, so
 * the client converts rows exactly as against a server), records every RPC and every Insert/Upsert request, and
 * can answer the next N inserts/upserts with "rate limited", or apply them and then fail the call with a gRPC
 * status (DEADLINE_EXCEEDED, UNAVAILABLE), as when the reply is lost on the way back.
 */
public final class FakeMilvusServer implements AutoCloseable {
    /** A stored collection. */
    static final class Coll {
        volatile CollectionSchema schema;
        final long id;
        final List<CreateIndexRequest> indexes = new CopyOnWriteArrayList<>();
        final List<String> partitions = new CopyOnWriteArrayList<>(List.of("_default"));
        volatile boolean loaded;

        Coll(CollectionSchema schema, long id) {
            this.schema = schema;
            this.id = id;
        }
    }

    final Map<String, Coll> collections = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<InsertRequest> inserts = new CopyOnWriteArrayList<>();
    final List<UpsertRequest> upserts = new CopyOnWriteArrayList<>();
    final AtomicInteger rateLimitNext = new AtomicInteger();
    /** The next N inserts/upserts are stored, then answered with {@link #lostReplyStatus}. */
    final AtomicInteger applyThenFailNext = new AtomicInteger();
    volatile io.milvus.shaded.io.grpc.Status lostReplyStatus = io.milvus.shaded.io.grpc.Status.DEADLINE_EXCEEDED;
    private final AtomicLong ids = new AtomicLong(1000);
    private final Server server;

    public FakeMilvusServer() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(256 << 20).addService(new Service()).build().start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getPort();
    }

    void reset() {
        collections.clear();
        calls.clear();
        inserts.clear();
        upserts.clear();
        rateLimitNext.set(0);
        applyThenFailNext.set(0);
        lostReplyStatus = io.milvus.shaded.io.grpc.Status.DEADLINE_EXCEEDED;
    }

    /** True when this call's reply is to be lost (the write was stored). */
    private boolean loseReply(StreamObserver<?> o) {
        if (applyThenFailNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            o.onError(lostReplyStatus.withDescription("the reply was lost (test)").asRuntimeException());
            return true;
        }
        return false;
    }

    /** Creates a collection as a server-side fixture, the way CreateCollection stores one. */
    void addCollection(String name, CollectionSchema schema) {
        collections.put(name, new Coll(withIds(schema), ids.incrementAndGet()));
    }

    public List<String> callNames() {
        return List.copyOf(calls);
    }

    /** Every row received by Insert and Upsert for {@code collection}, decoded per field. */
    public List<Map<String, Object>> rows(String collection) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (InsertRequest r : inserts) {
            if (r.getCollectionName().equals(collection)) {
                out.addAll(FakeMilvusRows.decode(r.getFieldsDataList(), r.getNumRows()));
            }
        }
        for (UpsertRequest r : upserts) {
            if (r.getCollectionName().equals(collection)) {
                out.addAll(FakeMilvusRows.decode(r.getFieldsDataList(), r.getNumRows()));
            }
        }
        return out;
    }

    private static CollectionSchema withIds(CollectionSchema s) {
        CollectionSchema.Builder b = s.toBuilder().clearFields();
        long id = 100;
        for (FieldSchema f : s.getFieldsList()) {
            b.addFields(f.toBuilder().setFieldID(id++));
        }
        // like Milvus' proxy, DescribeCollection does not list the dynamic "$meta" field
        return b.build();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private static Status ok() {
        return Status.newBuilder().setCode(0).setErrorCode(ErrorCode.Success).build();
    }

    private static Status error(int code, String reason) {
        return Status.newBuilder().setCode(code).setErrorCode(ErrorCode.UnexpectedError).setReason(reason).build();
    }

    private final class Service extends MilvusServiceGrpc.MilvusServiceImplBase {
        private <T> void reply(StreamObserver<T> o, T value) {
            o.onNext(value);
            o.onCompleted();
        }

        @Override
        public void connect(ConnectRequest request, StreamObserver<ConnectResponse> o) {
            calls.add("Connect");
            reply(o, ConnectResponse.newBuilder().setStatus(ok()).setIdentifier(42).build());
        }

        @Override
        public void listDatabases(ListDatabasesRequest request, StreamObserver<ListDatabasesResponse> o) {
            calls.add("ListDatabases");
            reply(o, ListDatabasesResponse.newBuilder().setStatus(ok()).addDbNames("default").addDbNames("vsync").build());
        }

        @Override
        public void hasCollection(HasCollectionRequest request, StreamObserver<BoolResponse> o) {
            calls.add("HasCollection");
            reply(o, BoolResponse.newBuilder().setStatus(ok())
                    .setValue(collections.containsKey(request.getCollectionName())).build());
        }

        @Override
        public void createCollection(CreateCollectionRequest request, StreamObserver<Status> o) {
            calls.add("CreateCollection");
            try {
                CollectionSchema schema = CollectionSchema.parseFrom(request.getSchema());
                addCollection(request.getCollectionName(), schema);
                reply(o, ok());
            } catch (InvalidProtocolBufferException e) {
                reply(o, error(1100, "bad schema"));
            }
        }

        @Override
        public void dropCollection(DropCollectionRequest request, StreamObserver<Status> o) {
            calls.add("DropCollection");
            collections.remove(request.getCollectionName());
            reply(o, ok());
        }

        @Override
        public void createIndex(CreateIndexRequest request, StreamObserver<Status> o) {
            calls.add("CreateIndex");
            collections.get(request.getCollectionName()).indexes.add(request);
            reply(o, ok());
        }

        @Override
        public void loadCollection(LoadCollectionRequest request, StreamObserver<Status> o) {
            calls.add("LoadCollection");
            collections.get(request.getCollectionName()).loaded = true;
            reply(o, ok());
        }

        @Override
        public void getLoadState(GetLoadStateRequest request, StreamObserver<GetLoadStateResponse> o) {
            calls.add("GetLoadState");
            Coll c = collections.get(request.getCollectionName());
            reply(o, GetLoadStateResponse.newBuilder().setStatus(ok())
                    .setState(c != null && c.loaded ? LoadState.LoadStateLoaded : LoadState.LoadStateNotLoad).build());
        }

        @Override
        public void hasPartition(HasPartitionRequest request, StreamObserver<BoolResponse> o) {
            calls.add("HasPartition");
            Coll c = collections.get(request.getCollectionName());
            reply(o, BoolResponse.newBuilder().setStatus(ok())
                    .setValue(c != null && c.partitions.contains(request.getPartitionName())).build());
        }

        @Override
        public void createPartition(CreatePartitionRequest request, StreamObserver<Status> o) {
            calls.add("CreatePartition");
            collections.get(request.getCollectionName()).partitions.add(request.getPartitionName());
            reply(o, ok());
        }

        @Override
        public void describeCollection(DescribeCollectionRequest request, StreamObserver<DescribeCollectionResponse> o) {
            calls.add("DescribeCollection");
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, DescribeCollectionResponse.newBuilder()
                        .setStatus(error(100, "collection not found[collection=" + request.getCollectionName() + "]"))
                        .build());
                return;
            }
            reply(o, DescribeCollectionResponse.newBuilder().setStatus(ok()).setSchema(c.schema)
                    .setCollectionID(c.id).setCollectionName(request.getCollectionName()).setDbName("default")
                    .setShardsNum(1).build());
        }

        @Override
        public void insert(InsertRequest request, StreamObserver<MutationResult> o) {
            calls.add("Insert");
            if (rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(o, MutationResult.newBuilder().setStatus(Status.newBuilder().setCode(8)
                        .setErrorCode(ErrorCode.RateLimit).setReason("rate limit exceeded[rate=1]")).build());
                return;
            }
            inserts.add(request);
            if (!loseReply(o)) {
                reply(o, mutation(request.getNumRows(), false));
            }
        }

        @Override
        public void upsert(UpsertRequest request, StreamObserver<MutationResult> o) {
            calls.add("Upsert");
            if (rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(o, MutationResult.newBuilder().setStatus(Status.newBuilder().setCode(8)
                        .setErrorCode(ErrorCode.RateLimit).setReason("rate limit exceeded[rate=1]")).build());
                return;
            }
            upserts.add(request);
            if (!loseReply(o)) {
                reply(o, mutation(request.getNumRows(), true));
            }
        }

        private MutationResult mutation(int n, boolean upsert) {
            LongArray.Builder idList = LongArray.newBuilder();
            for (int i = 0; i < n; i++) {
                idList.addData(ids.incrementAndGet());
            }
            MutationResult.Builder b = MutationResult.newBuilder().setStatus(ok())
                    .setIDs(IDs.newBuilder().setIntId(idList)).setTimestamp(System.nanoTime());
            return (upsert ? b.setUpsertCnt(n) : b.setInsertCnt(n)).build();
        }

        @Override
        public void flush(FlushRequest request, StreamObserver<FlushResponse> o) {
            calls.add("Flush");
            FlushResponse.Builder b = FlushResponse.newBuilder().setStatus(ok()).setDbName("default");
            for (String c : request.getCollectionNamesList()) {
                b.putCollSegIDs(c, LongArray.newBuilder().addData(1).build());
                b.putFlushCollSegIDs(c, LongArray.newBuilder().addData(1).build());
                b.putCollFlushTs(c, 1L);
            }
            reply(o, b.build());
        }

        @Override
        public void getFlushState(GetFlushStateRequest request, StreamObserver<GetFlushStateResponse> o) {
            calls.add("GetFlushState");
            reply(o, GetFlushStateResponse.newBuilder().setStatus(ok()).setFlushed(true).build());
        }
    }

    static List<String> unmodifiable(List<String> l) {
        return Collections.unmodifiableList(l);
    }
}
