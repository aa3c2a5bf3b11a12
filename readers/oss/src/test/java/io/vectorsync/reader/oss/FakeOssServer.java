package io.vectorsync.reader.oss;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback OSS of the documented REST protocol, path-style: ListObjectsV2 (prefix, max-keys, continuation
 * token), GET with Range and If-Match, HEAD, and the XML errors NoSuchBucket, NoSuchKey, AccessDenied. Objects are
 * in memory or files on disk. Can cut a download short once, to test resumption.
 */
final class FakeOssServer implements AutoCloseable {
    /** An object's bytes. */
    interface Blob {
        long size();

        InputStream open(long offset) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, NavigableMap<String, Blob>> buckets = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<String, Long> cutOnce = new ConcurrentHashMap<>();
    volatile String deniedAccessId;
    volatile int pageSize = 1000;

    /** The AccessKey secret {@link #params} configures; no message may show it. */
    static final String SECRET = "s3cr3t-AccessKeySecret";

    /** The datasource keys for {@code bucket} on this fake, then the pairs {@code key, value} of {@code kv}. */
    Map<String, Object> params(String bucket, Object... kv) {
        return params(endpoint(), bucket, kv);
    }

    /** The datasource keys for {@code bucket} on {@code endpoint}, then the pairs {@code key, value} of {@code kv}. */
    static Map<String, Object> params(String endpoint, String bucket, Object... kv) {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", endpoint);
        p.put("bucket", bucket);
        p.put("accessId", "LTAIdemoId");
        p.put("accessKey", SECRET);
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    FakeOssServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void bucket(String name) {
        buckets.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>());
    }

    void put(String bucket, String key, byte[] data) {
        bucket(bucket);
        buckets.get(bucket).put(key, new Blob() {
            public long size() {
                return data.length;
            }

            public InputStream open(long offset) {
                return new java.io.ByteArrayInputStream(data, (int) offset, data.length - (int) offset);
            }
        });
    }

    void put(String bucket, String key, String text) {
        put(bucket, key, text.getBytes(StandardCharsets.UTF_8));
    }

    void putFile(String bucket, String key, Path file) throws IOException {
        bucket(bucket);
        long size = java.nio.file.Files.size(file);
        buckets.get(bucket).put(key, new Blob() {
            public long size() {
                return size;
            }

            public InputStream open(long offset) throws IOException {
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                ch.position(offset);
                return Channels.newInputStream(ch);
            }
        });
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            String range = ex.getRequestHeaders().getFirst("Range");
            requests.add(method + " " + path + (ex.getRequestURI().getRawQuery() == null ? ""
                    : "?" + ex.getRequestURI().getRawQuery()) + (range == null ? "" : " Range:" + range));
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String[] parts = path.substring(1).split("/", 2);
            String bucketName = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            String key = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            boolean head = method.equals("HEAD");
            if (deniedAccessId != null && auth != null && auth.contains(deniedAccessId)) {
                error(ex, 403, "AccessDenied", "You have no right to access this object.", head);
                return;
            }
            NavigableMap<String, Blob> bucket = buckets.get(bucketName);
            if (bucket == null) {
                error(ex, 404, "NoSuchBucket", "The specified bucket does not exist.", head);
                return;
            }
            if (key.isEmpty() && method.equals("GET")) {
                list(ex, bucketName, bucket, q);
                return;
            }
            Blob blob = bucket.get(key);
            if (blob == null) {
                error(ex, 404, "NoSuchKey", "The specified key does not exist.", head);
                return;
            }
            String etag = "\"" + Integer.toHexString(key.hashCode()) + "-" + blob.size() + "\"";
            String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
            if (ifMatch != null && !ifMatch.replace("\"", "").equals(etag.replace("\"", ""))) {
                error(ex, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold.", head);
                return;
            }
            ex.getResponseHeaders().set("ETag", etag);
            ex.getResponseHeaders().set("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT");
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.getResponseHeaders().set("x-oss-request-id", "fake-" + requests.size());
            if (head) {
                ex.getResponseHeaders().set("Content-Length", String.valueOf(blob.size()));
                ex.sendResponseHeaders(200, -1);
                return;
            }
            long from = 0;
            long to = blob.size() - 1;
            int status = 200;
            if (range != null && range.startsWith("bytes=")) {
                String[] r = range.substring(6).split("-", -1);
                from = Long.parseLong(r[0]);
                to = r[1].isEmpty() ? to : Math.min(to, Long.parseLong(r[1]));
                status = 206;
                ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + blob.size());
            }
            long length = to - from + 1;
            Long cut = cutOnce.remove(key);
            ex.sendResponseHeaders(status, length == 0 ? -1 : length);
            try (InputStream in = blob.open(from); OutputStream out = ex.getResponseBody()) {
                byte[] buf = new byte[1 << 16];
                long left = cut != null ? Math.min(cut, length) : length;
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                    left -= n;
                }
                if (cut != null) {
                    out.flush();
                    throw new CutConnection();
                }
            }
        } catch (IOException e) {
            // a cut or a client that went away: the connection is dropped
        }
    }

    /** Thrown out of the handler so that the JDK server drops the connection mid-body. */
    private static final class CutConnection extends RuntimeException {
        CutConnection() {
            super("cut on purpose", null, false, false);
        }
    }

    private void list(HttpExchange ex, String name, NavigableMap<String, Blob> bucket, Map<String, String> q)
            throws IOException {
        String prefix = q.getOrDefault("prefix", "");
        int max = Math.min(pageSize, Integer.parseInt(q.getOrDefault("max-keys", "1000")));
        String after = q.getOrDefault("continuation-token", q.getOrDefault("marker", ""));
        boolean url = "url".equals(q.get("encoding-type"));
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult><Name>")
                .append(name).append("</Name><Prefix>").append(enc(prefix, url)).append("</Prefix><MaxKeys>")
                .append(max).append("</MaxKeys>").append(url ? "<EncodingType>url</EncodingType>" : "");
        int count = 0;
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, Blob> e : bucket.tailMap(after, false).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                if (e.getKey().compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            if (count == max) {
                truncated = true;
                break;
            }
            count++;
            last = e.getKey();
            sb.append("<Contents><Key>").append(enc(e.getKey(), url)).append("</Key><LastModified>2024-01-01T00:00:00.000Z")
                    .append("</LastModified><ETag>\"").append(Integer.toHexString(e.getKey().hashCode())).append('-')
                    .append(e.getValue().size()).append("\"</ETag><Type>Normal</Type><Size>").append(e.getValue().size())
                    .append("</Size><StorageClass>Standard</StorageClass></Contents>");
        }
        sb.append("<KeyCount>").append(count).append("</KeyCount><IsTruncated>").append(truncated)
                .append("</IsTruncated>");
        if (truncated) {
            sb.append("<NextContinuationToken>").append(enc(last, false)).append("</NextContinuationToken>");
        }
        sb.append("</ListBucketResult>");
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private static String enc(String s, boolean url) {
        String x = url ? URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20") : s;
        return x.replace("&", "&amp;").replace("<", "&lt;");
    }

    private static void error(HttpExchange ex, int status, String code, String message, boolean head) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        ex.getResponseHeaders().set("x-oss-request-id", "fake-error");
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>fake-error</RequestId><HostId>127.0.0.1</HostId></Error>";
        if (head) {
            ex.getResponseHeaders().set("x-oss-err", java.util.Base64.getEncoder()
                    .encodeToString(xml.getBytes(StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String p : raw.split("&")) {
            int eq = p.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8);
            q.put(k, eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
