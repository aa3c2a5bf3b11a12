package io.vectorsync.writer.searchcommon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback Model Studio (DashScope) native text-embedding endpoint for the hybrid search tests, speaking the
 * documented wire format: {@code {"model", "input": {"texts"}, "parameters": {"dimension", "text_type",
 * "output_type"}}} in, {@code {"output": {"embeddings": [{"text_index", "embedding", "sparse_embedding": [{"index",
 * "value", "token"}]}]}, "usage": {"total_tokens"}}} out.
 *
 * <p>Its vectors are made from the texts themselves, with a known corpus for the statistics:
 * <ul>
 *   <li><b>sparse</b>: real BM25 token weights. A document ({@code text_type: document}) gets, for each distinct
 *   lower-cased word, {@code idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avgLen))} (k1 = 1.2, b = 0.75, idf
 *   from the corpus); a query ({@code text_type: query}) gets weight 1 per distinct word, so the dot product of a
 *   query and a document is the document's BM25 score. The index of a word is a stable hash of it into a
 *   250,002-entry vocabulary (bge-m3's size).</li>
 *   <li><b>dense</b>: a deliberately keyword-blind embedding: the normalised sum of a fixed pseudo-random vector per
 *   word, counting only words that occur in at least two corpus documents. Rare words (error codes, part numbers,
 *   names) are invisible to it, as out-of-vocabulary keywords are blurred by real dense models; a text with no
 *   known word gets a fixed unit vector.</li>
 * </ul>
 */
public final class FakeModelStudio implements AutoCloseable {
    public static final String PATH = "/api/v1/services/embeddings/text-embedding/text-embedding";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int VOCABULARY = 250_002;
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final int corpusSize;
    private final double averageLength;
    private final List<String> outputTypes = new ArrayList<>();

    public FakeModelStudio(List<String> corpus) throws IOException {
        long words = 0;
        for (String text : corpus) {
            List<String> tokens = words(text);
            words += tokens.size();
            for (String t : new HashSet<>(tokens)) {
                documentFrequency.merge(t, 1, Integer::sum);
            }
        }
        corpusSize = corpus.size();
        averageLength = (double) words / corpus.size();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    /** The base URL to give the provider as {@code endpoint}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The {@code output_type} of every request received, in order. */
    public synchronized List<String> outputTypes() {
        return List.copyOf(outputTypes);
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static int index(String word) {
        return Math.floorMod(word.hashCode(), VOCABULARY);
    }

    /** BM25 weights of a document's words, or 1 per word of a query; by vocabulary index. */
    TreeMap<Integer, Map.Entry<String, Double>> sparse(String text, boolean query) {
        List<String> tokens = words(text);
        Map<String, Integer> tf = new HashMap<>();
        tokens.forEach(t -> tf.merge(t, 1, Integer::sum));
        TreeMap<Integer, Map.Entry<String, Double>> out = new TreeMap<>();
        tf.forEach((word, n) -> {
            double weight = 1.0;
            if (!query) {
                int df = documentFrequency.getOrDefault(word, 0);
                double idf = Math.log(1 + (corpusSize - df + 0.5) / (df + 0.5));
                weight = idf * n * (K1 + 1) / (n + K1 * (1 - B + B * tokens.size() / averageLength));
            }
            out.put(index(word), Map.entry(word, weight));
        });
        return out;
    }

    /** The keyword-blind dense vector (see the class comment). */
    float[] dense(String text, int dimension) {
        double[] sum = new double[dimension];
        boolean any = false;
        for (String word : words(text)) {
            if (documentFrequency.getOrDefault(word, 0) < 2) {
                continue;
            }
            any = true;
            Random r = new Random(word.hashCode());
            for (int d = 0; d < dimension; d++) {
                sum[d] += r.nextGaussian();
            }
        }
        if (!any) {
            sum[0] = 1;
        }
        double norm = 0;
        for (double x : sum) {
            norm += x * x;
        }
        float[] out = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            out[d] = (float) (sum[d] / Math.sqrt(norm));
        }
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            JsonNode parameters = request.path("parameters");
            String outputType = parameters.path("output_type").asText("dense");
            synchronized (this) {
                outputTypes.add(outputType);
            }
            boolean query = parameters.path("text_type").asText("document").equals("query");
            int dimension = parameters.path("dimension").asInt(1024);
            ObjectNode reply = JSON.createObjectNode().put("request_id", "fake-" + System.nanoTime());
            ArrayNode embeddings = reply.putObject("output").putArray("embeddings");
            long tokens = 0;
            JsonNode texts = request.path("input").path("texts");
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i).asText();
                tokens += words(text).size();
                ObjectNode item = embeddings.addObject().put("text_index", i);
                if (!outputType.equals("sparse")) {
                    ArrayNode dense = item.putArray("embedding");
                    for (float f : dense(text, dimension)) {
                        dense.add(f);
                    }
                }
                if (!outputType.equals("dense")) {
                    ArrayNode sparse = item.putArray("sparse_embedding");
                    sparse(text, query).forEach((index, e) -> sparse.addObject().put("index", index)
                            .put("value", e.getValue()).put("token", e.getKey()));
                }
            }
            reply.putObject("usage").put("total_tokens", tokens);
            byte[] body = JSON.writeValueAsBytes(reply);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The distinct words of {@code text} the dense embedding sees (for messages). */
    public Set<String> denseWords(String text) {
        Set<String> out = new HashSet<>();
        for (String w : words(text)) {
            if (documentFrequency.getOrDefault(w, 0) >= 2) {
                out.add(w);
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
