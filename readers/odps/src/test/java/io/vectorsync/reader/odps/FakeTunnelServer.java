package io.vectorsync.reader.odps;

import com.aliyun.odps.Column;
import com.aliyun.odps.OdpsType;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamWriter;
import com.aliyun.odps.data.ArrayRecord;
import com.aliyun.odps.tunnel.io.CompressOption;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback MaxCompute: the table tunnel's download endpoints (create session, read a row range, with the body
 * written by the SDK's own {@link ProtobufRecordStreamWriter}, deflate when asked), the meta API's partition
 * listing, SQL instances (create with a SQL task, status, task status, task result, stop; the SQL evaluated by
 * {@link FakeSql}) and the instance tunnel over their results. Errors as the services send them: JSON
 * {@code {"Code","Message"}} from the tunnel, XML {@code <Error><Code/><Message/></Error>} from the meta API, a failed
 * task's MaxCompute message ({@code ODPS-0130071:...}) as its result.
 */
final class FakeTunnelServer implements AutoCloseable {
    /** A table: data columns, partition keys (may be empty) and rows per partition ("" when unpartitioned). */
    record FakeTable(List<Column> columns, List<String> partitionKeys, Map<String, List<Object[]>> rows) {
    }

    private final HttpServer server;
    final Map<String, FakeTable> tables = new ConcurrentHashMap<>();
    private final Map<String, String[]> sessions = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** How many of the next data downloads break off half-way (a dropped connection). */
    final java.util.concurrent.atomic.AtomicInteger failData = new java.util.concurrent.atomic.AtomicInteger();
    /** Whether a broken download stops after its first byte (no record gets through) instead of half-way. */
    volatile boolean cutEarly;
    /** Exclusive tunnel quotas that are overdue or expired: tunnel requests naming them are refused. */
    final java.util.Set<String> unavailableQuotas = ConcurrentHashMap.newKeySet();
    /** How many status polls a new SQL instance answers Running before it terminates. */
    volatile int runningPolls = 2;
    /** SQL instances by id: the query, its result, polls left, whether it was stopped. */
    final Map<String, FakeInstance> instances = new ConcurrentHashMap<>();

    /** A SQL instance of the fake. */
    static final class FakeInstance {
        final String sql;
        final FakeSql.Result result;
        final java.util.concurrent.atomic.AtomicInteger polls;
        volatile boolean stopped;
        final Map<String, String> downloads = new ConcurrentHashMap<>();

        FakeInstance(String sql, FakeSql.Result result, int polls) {
            this.sql = sql;
            this.result = result;
            this.polls = new java.util.concurrent.atomic.AtomicInteger(polls);
        }

        boolean terminated() {
            return stopped || polls.get() <= 0;
        }

        String taskStatus() {
            return stopped ? "Cancelled" : !terminated() ? "Running" : result.error() == null ? "Success" : "Failed";
        }
    }

    FakeTunnelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(6));
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            requests.add(ex.getRequestMethod() + " " + path + "?" + ex.getRequestURI().getRawQuery());
            String[] seg = path.replaceFirst("^/api", "").split("/");
            if (!path.startsWith("/api/") && q.containsKey("quotaName") && unavailableQuotas.contains(q.get("quotaName"))) {
                json(ex, 400, "{\"Code\":\"QuotaNotAvailable\",\"Message\":\"The tunnel quota " + q.get("quotaName")
                        + " is not available: the subscription is overdue or has expired\"}");
                return;
            }
            if (seg.length >= 4 && seg[3].equals("instances")) {
                instance(ex, path, seg, q);
                return;
            }
            // /projects/{p}/tables/{t}
            FakeTable table = seg.length >= 5 ? tables.get(seg[4]) : null;
            if (table == null) {
                json(ex, 404, "{\"Code\":\"NoSuchTable\",\"Message\":\"The specified table does not exist\"}");
                return;
            }
            if (path.startsWith("/api/") && q.containsKey("partitions")) {
                StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Partitions><Marker></Marker>"
                        + "<MaxItems>1000</MaxItems>");
                for (String p : table.rows().keySet()) {
                    sb.append("<Partition><Name>").append(p).append("</Name></Partition>");
                }
                byte[] body = sb.append("</Partitions>").toString().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/xml");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            String partition = q.containsKey("partition") ? OdpsPartitions.normalize(q.get("partition")) : "";
            if (ex.getRequestMethod().equals("POST") && q.containsKey("downloads")) {
                if (!table.partitionKeys().isEmpty() && partition.isEmpty()) {
                    json(ex, 400, "{\"Code\":\"MissingPartitionSpec\",\"Message\":\"need to specify partition\"}");
                    return;
                }
                List<Object[]> rows = table.rows().get(partition);
                if (rows == null) {
                    json(ex, 404, "{\"Code\":\"NoSuchPartition\",\"Message\":\"The specified partition does not exist\"}");
                    return;
                }
                String id = UUID.randomUUID().toString();
                sessions.put(id, new String[] {seg[4], partition});
                json(ex, 201, sessionJson(table, id, rows.size()));
                return;
            }
            if (ex.getRequestMethod().equals("GET") && q.containsKey("downloadid") && !q.containsKey("data")) {
                // the status of an existing session: how another process re-attaches to it
                String[] known = sessions.get(q.get("downloadid"));
                if (known == null || !known[0].equals(seg[4]) || !known[1].equals(partition)) {
                    json(ex, 404, "{\"Code\":\"NoSuchDownload\",\"Message\":\"download session not found\"}");
                    return;
                }
                json(ex, 200, sessionJson(table, q.get("downloadid"), table.rows().get(partition).size()));
                return;
            }
            if (q.containsKey("data")) {
                String[] s = sessions.get(q.get("downloadid"));
                List<Object[]> rows = table.rows().get(s[1]);
                writeRecords(ex, table.columns(), rows, q);
                return;
            }
            json(ex, 400, "{\"Code\":\"InvalidRequest\",\"Message\":\"unexpected request\"}");
        } catch (CutConnection e) {
            throw e;
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }


    /**
     * SQL instances. Meta API (under /api): POST .../instances with the job XML creates one (201, Location
     * header); GET .../instances/{id} is its status (Running for {@link #runningPolls} polls, then Terminated);
     * ?taskstatus and ?result describe the SQL task; PUT stops it. Instance tunnel (no /api): POST ?downloads opens
     * a download session over the result, GET ?downloadid re-opens it, GET ?data downloads a row range.
     */
    private void instance(HttpExchange ex, String path, String[] seg, Map<String, String> q) throws IOException {
        boolean meta = path.startsWith("/api/");
        if (meta && seg.length == 4 && ex.getRequestMethod().equals("POST")) {
            String job = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)<Query>(.*?)</Query>")
                    .matcher(job);
            if (!m.find()) {
                System.err.println("fake: job without a SQL query: " + job);
                xmlError(ex, 400, "InvalidParameter", "no SQL task in the job");
                return;
            }
            String sql = m.group(1).startsWith("<![CDATA[") ? m.group(1).substring(9, m.group(1).length() - 3)
                    : m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&apos;", "'").replace("&amp;", "&");
            String id = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter
                    .ofPattern("yyyyMMddHHmmssSSS")) + "g" + UUID.randomUUID().toString().substring(0, 8);
            instances.put(id, new FakeInstance(sql, FakeSql.run(sql, tables), runningPolls));
            ex.getResponseHeaders().set("Location", base() + "/api/projects/" + seg[2] + "/instances/" + id);
            ex.sendResponseHeaders(201, -1);
            return;
        }
        FakeInstance inst = seg.length > 4 ? instances.get(seg[4]) : null;
        if (inst == null) {
            if (meta) {
                xmlError(ex, 404, "NoSuchObject", "The specified instance does not exist");
            } else {
                json(ex, 404, "{\"Code\":\"NoSuchInstance\",\"Message\":\"The specified instance does not exist\"}");
            }
            return;
        }
        if (meta && ex.getRequestMethod().equals("PUT")) {
            inst.stopped = true;
            ex.sendResponseHeaders(200, -1);
            return;
        }
        if (meta && q.containsKey("taskstatus")) {
            xml(ex, "<Instance><Status>" + (inst.terminated() ? "Terminated" : "Running") + "</Status><Tasks>"
                    + "<Task Type=\"SQL\"><Name>AnonymousSQLTask</Name><Status>" + inst.taskStatus() + "</Status>"
                    + "</Task></Tasks></Instance>");
            return;
        }
        if (meta && q.containsKey("result")) {
            String text = inst.result.error() != null ? inst.result.error() : "";
            xml(ex, "<Instance><Tasks><Task Type=\"SQL\"><Name>AnonymousSQLTask</Name><Result Format=\"text\">"
                    + "<![CDATA[" + text + "]]></Result></Task></Tasks></Instance>");
            return;
        }
        if (meta) {
            boolean done = inst.terminated() || inst.polls.decrementAndGet() <= 0;
            ex.getResponseHeaders().set("x-odps-start-time", "Sun, 29 Nov 2026 16:00:00 GMT");
            // the SDK parses both; a running instance has no end time yet (sent empty)
            ex.getResponseHeaders().set("x-odps-end-time", done ? "Sun, 29 Nov 2026 16:00:05 GMT" : "");
            ex.getResponseHeaders().set("x-odps-owner", "ALIYUN$fake@example.com");
            xml(ex, "<Instance><Status>" + (done ? "Terminated" : "Running") + "</Status></Instance>");
            return;
        }
        if (!inst.terminated()) {
            json(ex, 400, "{\"Code\":\"InstanceNotTerminate\",\"Message\":\"The instance does not terminate\"}");
            return;
        }
        if (inst.result.error() != null || inst.stopped) {
            json(ex, 400, "{\"Code\":\"TaskFailed\",\"Message\":\"The task failed: " + inst.taskStatus() + "\"}");
            return;
        }
        List<Column> cols = inst.result.columns();
        if (ex.getRequestMethod().equals("POST") && q.containsKey("downloads")) {
            String id = UUID.randomUUID().toString();
            inst.downloads.put(id, seg[4]);
            json(ex, 201, sessionJson(cols, List.of(), id, inst.result.rows().size()));
        } else if (q.containsKey("downloadid") && !inst.downloads.containsKey(q.get("downloadid"))) {
            json(ex, 404, "{\"Code\":\"NoSuchDownload\",\"Message\":\"download session not found\"}");
        } else if (q.containsKey("data")) {
            writeRecords(ex, cols, inst.result.rows(), q);
        } else {
            json(ex, 200, sessionJson(cols, List.of(), q.get("downloadid"), inst.result.rows().size()));
        }
    }

    private static void xml(HttpExchange ex, String body) throws IOException {
        byte[] b = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
    }

    private static void xmlError(HttpExchange ex, int status, String code, String message) throws IOException {
        byte[] b = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message><![CDATA["
                + message + "]]></Message><RequestId>fake</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    /** The requested row range of {@code rows} (of {@code columns}) as the tunnel's protobuf stream. */
    private void writeRecords(HttpExchange ex, List<Column> columns, List<Object[]> rows, Map<String, String> q)
            throws IOException {
        String[] range = q.get("rowrange").replaceAll("[()]", "").split(",");
        int start = Integer.parseInt(range[0].trim());
        int count = Integer.parseInt(range[1].trim());
        List<Integer> picked = new ArrayList<>();
        TableSchema sub = new TableSchema();
        List<String> names = q.containsKey("columns") ? List.of(q.get("columns").split(","))
                : columns.stream().map(Column::getName).toList();
        for (String n : names) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).getName().equals(n)) {
                    picked.add(i);
                    sub.addColumn(columns.get(i));
                }
            }
        }
        String enc = ex.getRequestHeaders().getFirst("Accept-Encoding");
        boolean deflate = enc != null && enc.contains("deflate");
        CompressOption option = deflate ? new CompressOption()
                : new CompressOption(CompressOption.CompressAlgorithm.ODPS_RAW, 0, 0);
        if (deflate) {
            ex.getResponseHeaders().set("Content-Encoding", "deflate");
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        try (OutputStream out = body) {
            ProtobufRecordStreamWriter w = new ProtobufRecordStreamWriter(sub, out, option);
            for (int r = start; r < start + count; r++) {
                Object[] full = rows.get(r);
                Object[] vals = new Object[picked.size()];
                for (int i = 0; i < vals.length; i++) {
                    vals[i] = full[picked.get(i)];
                }
                w.write(new ArrayRecord(sub.getColumns().toArray(new Column[0]), vals));
            }
            w.close();
        }
        byte[] bytes = body.toByteArray();
        boolean cut = failData.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        ex.sendResponseHeaders(200, bytes.length);
        OutputStream out = ex.getResponseBody();
        out.write(bytes, 0, !cut ? bytes.length : cutEarly ? 1 : bytes.length / 2);
        out.flush();
        if (cut) {
            throw new CutConnection(); // fewer bytes than announced: the client sees the connection drop
        }
    }

    /** Thrown out of the handler so that the JDK server drops the connection mid-body. */
    private static final class CutConnection extends RuntimeException {
        CutConnection() {
            super("cut on purpose", null, false, false);
        }
    }

    private static String sessionJson(FakeTable table, String id, int rowCount) {
        return sessionJson(table.columns(), table.partitionKeys(), id, rowCount);
    }

    private static String sessionJson(List<Column> columns, List<String> partitionKeys, String id, int rowCount) {
        StringBuilder cols = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            cols.append(i == 0 ? "" : ",").append("{\"column_id\":\"").append(i + 1).append("\",\"name\":\"")
                    .append(c.getName()).append("\",\"type\":\"").append(c.getTypeInfo().getTypeName().toLowerCase())
                    .append("\",\"nullable\":true,\"comment\":\"\"}");
        }
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < partitionKeys.size(); i++) {
            keys.append(i == 0 ? "" : ",").append("{\"name\":\"").append(partitionKeys.get(i))
                    .append("\",\"type\":\"string\",\"comment\":\"\"}");
        }
        return "{\"DownloadID\":\"" + id + "\",\"Status\":\"normal\",\"RecordCount\":" + rowCount
                + ",\"Schema\":{\"columns\":[" + cols + "],\"partitionKeys\":[" + keys + "]}}";
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String p : raw.split("&")) {
            int eq = p.indexOf('=');
            q.put(URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    /** The access key {@link #params} configures; no message may show it. */
    static final String SECRET = "odps-secret-key";

    /**
     * Adds table {@code test_tb} (sentence string, id bigint) partitioned by {@code split}: two rows in
     * {@code split=dev}, one in {@code split=train}.
     */
    /**
     * Adds unpartitioned table {@code name} with {@code rows} rows over {@code columns}; row i holds, column by
     * column, i, "text i", i * 0.5 and whether i is even (as many of these as there are columns).
     */
    void addRangeTable(String name, long rows, Column... columns) {
        List<Object[]> data = new ArrayList<>();
        for (long i = 0; i < rows; i++) {
            data.add(java.util.Arrays.copyOf(new Object[] {i, "text " + i, i * 0.5, i % 2 == 0}, columns.length));
        }
        Map<String, List<Object[]>> parts = parts();
        parts.put("", data);
        tables.put(name, new FakeTable(List.of(columns), List.of(), parts));
    }

    void addTestTable() {
        Map<String, List<Object[]>> tb = parts();
        tb.put("split=dev", List.<Object[]>of(new Object[] {"hello world", 1L}, new Object[] {"你好", 2L}));
        tb.put("split=train", List.<Object[]>of(new Object[] {"train row", 3L}));
        tables.put("test_tb", new FakeTable(List.of(col("sentence", OdpsType.STRING), col("id", OdpsType.BIGINT)),
                List.of("split"), tb));
    }

    /** Reader parameters pointing at this fake (project demo), then the pairs {@code key, value} of {@code kv}. */
    Map<String, Object> params(Object... kv) {
        return params(base(), kv);
    }

    /** Reader parameters pointing at the service on {@code base}, then the pairs {@code key, value} of {@code kv}. */
    static Map<String, Object> params(String base, Object... kv) {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", base + "/api");
        p.put("tunnelEndpoint", base);
        p.put("project", "demo");
        p.put("accessId", "LTAIodps");
        p.put("accessKey", SECRET);
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    static Column col(String name, OdpsType type) {
        return new Column(name, type);
    }

    static Map<String, List<Object[]>> parts() {
        return new LinkedHashMap<>();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
