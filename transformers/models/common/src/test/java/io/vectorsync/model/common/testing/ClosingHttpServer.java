package io.vectorsync.model.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-socket OpenAI-format embeddings server that closes connections the way real servers do: either after
 * every reply without saying so (an HTTP/1.0 server or proxy), or when a keep-alive connection has been idle for
 * {@code idleTimeoutMs} (uvicorn does this after 5 s). MockWebServer cannot close silently, hence this one.
 */
public final class ClosingHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServerSocket socket;
    private final boolean http10;
    private final int idleTimeoutMs;
    private final int dimension;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    /** An HTTP/1.0 server that closes the connection right after each reply (no Connection header). */
    public static ClosingHttpServer http10(int dimension) throws IOException {
        return new ClosingHttpServer(true, 0, dimension);
    }

    /** An HTTP/1.1 keep-alive server that closes a connection idle for {@code idleTimeoutMs}. */
    public static ClosingHttpServer idleTimeout(int idleTimeoutMs, int dimension) throws IOException {
        return new ClosingHttpServer(false, idleTimeoutMs, dimension);
    }

    private ClosingHttpServer(boolean http10, int idleTimeoutMs, int dimension) throws IOException {
        this.http10 = http10;
        this.idleTimeoutMs = idleTimeoutMs;
        this.dimension = dimension;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1/embeddings";
    }

    /** Requests answered. */
    public int requests() {
        return requests.get();
    }

    /** Connections accepted. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                if (idleTimeoutMs > 0) {
                    s.setSoTimeout(idleTimeoutMs);
                }
                byte[] body;
                try {
                    body = readRequest(in);
                } catch (SocketTimeoutException idle) {
                    return; // idle too long: close silently, as uvicorn does
                }
                if (body == null) {
                    return;
                }
                JsonNode req = JSON.readTree(body);
                List<float[]> vectors = new ArrayList<>();
                List<String> texts = OpenAiWire.strings(req.get("input"));
                for (String t : texts) {
                    vectors.add(FakeVectors.of(t, dimension));
                }
                int[] order = new int[texts.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                byte[] reply = OpenAiWire.reply(vectors, order, texts.size()).getBytes(StandardCharsets.UTF_8);
                String head = (http10 ? "HTTP/1.0" : "HTTP/1.1") + " 200 OK\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + reply.length + "\r\n\r\n";
                requests.incrementAndGet(); // before the reply, so the client never sees a reply not yet counted
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(reply);
                out.flush();
                if (http10) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** The body of the next request, or null at end of stream. */
    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int contentLength = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                String l = line.toString(StandardCharsets.US_ASCII).trim();
                line.reset();
                if (l.isEmpty()) {
                    break;
                }
                if (l.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    contentLength = Integer.parseInt(l.substring(15).trim());
                }
            } else {
                line.write(c);
            }
        }
        return in.readNBytes(contentLength);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        pool.shutdownNow();
    }
}
