package io.vectorsync.transformer.textsplitter;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import java.util.List;
import java.util.Locale;

/** The parameters of the {@code text-splitter} step. */
final class TextSplitterOptions {
    /** Paragraphs, lines, sentence ends (Chinese and English), clauses, words; grapheme clusters come last. */
    static final List<String> DEFAULT_SEPARATORS = List.of("\r\n\r\n", "\n\n", "\r\n", "\n",
            "。", "！", "？", "；", "．", ". ", "! ", "? ", "; ",
            "，", "、", ", ", " ", "\u200b");

    static final Option<String> SOURCE_COLUMN = Option.stringOption("sourceColumn").required()
            .description("The column holding the text to cut. It is replaced in the output by chunkTextColumn.")
            .build();
    static final Option<String> ID_COLUMN = Option.stringOption("idColumn")
            .description("The column holding the document id; chunk ids are \"{document id}#{chunk index}\". Unset: "
                    + "the document id is the first 16 hex digits of the SHA-256 of the source text (stable, but a "
                    + "changed document then gets new ids). A record whose id is NULL or empty is dirty.")
            .build();
    static final Option<String> TOKENIZER = Option.stringOption("tokenizer").defaultValue("cl100k_base")
            .oneOf(TokenCounters.NAMES.toArray(String[]::new))
            .description("What chunkSize and chunkOverlap count: cl100k_base or o200k_base (OpenAI's BPE "
                    + "encodings), p50k_base, r50k_base; all-MiniLM-L6-v2 or bge-small-en-v1.5 (the onnx models' own "
                    + "WordPiece tokenizer.json, without [CLS]/[SEP]); characters (the fallback for any other model: "
                    + "Unicode code points).")
            .build();
    static final Option<Integer> CHUNK_SIZE = Option.intOption("chunkSize").defaultValue(512)
            .check(n -> n > 0, "must be positive")
            .description("The most tokens a chunk may have. For the onnx models keep it 2 below the model's limit "
                    + "(254 for all-MiniLM-L6-v2, 510 for bge-small-en-v1.5), which counts [CLS] and [SEP].")
            .build();
    static final Option<Integer> CHUNK_OVERLAP = Option.intOption("chunkOverlap").defaultValue(50)
            .check(n -> n >= 0, "must be 0 or more")
            .description("The most tokens a chunk repeats from the end of the previous one, in whole pieces "
                    + "(sentences, clauses, words); must be less than chunkSize.")
            .build();
    static final Option<List<String>> SEPARATORS = Option.stringListOption("separators")
            .description("Where to cut, in order of preference: a text too long is cut after every occurrence of the "
                    + "first separator it contains, pieces still too long by the next ones, and as the last resort "
                    + "between grapheme clusters. A separator stays at the end of the piece before it. Default: "
                    + "blank lines, line breaks, 。！？；． and \". \" \"! \" \"? \" \"; \", then ，、 \", \", spaces, "
                    + "zero-width spaces.")
            .build();
    static final Option<String> FORMAT = Option.stringOption("format").defaultValue("text").oneOf("text", "markdown")
            .description("text, or markdown: cut at ATX headings first (a chunk never spans two sections) and write "
                    + "each chunk's heading path to headingPathColumn.")
            .build();
    static final Option<String> CHUNK_TEXT_COLUMN = Option.stringOption("chunkTextColumn").defaultValue("chunk_text")
            .description("Output column of the chunk's text (takes the place of sourceColumn).").build();
    static final Option<String> CHUNK_INDEX_COLUMN = Option.stringOption("chunkIndexColumn")
            .defaultValue("chunk_index").description("Output column of the chunk's 0-based position in its document (LONG).")
            .build();
    static final Option<String> CHUNK_COUNT_COLUMN = Option.stringOption("chunkCountColumn")
            .defaultValue("chunk_count").description("Output column of the number of chunks of the document (LONG).")
            .build();
    static final Option<String> CHUNK_ID_COLUMN = Option.stringOption("chunkIdColumn").defaultValue("chunk_id")
            .description("Output column of the chunk id, \"{document id}#{chunk index}\".").build();
    static final Option<String> HEADING_PATH_COLUMN = Option.stringOption("headingPathColumn")
            .defaultValue("heading_path")
            .description("Output column (markdown only) of the headings above the chunk, joined by \" > \" "
                    + "(\"Guide > Install > Linux\"); empty before the first heading.")
            .build();

    private TextSplitterOptions() {
    }

    static ConfigSpec spec() {
        return ConfigSpec.builder().add(SOURCE_COLUMN, ID_COLUMN, TOKENIZER, CHUNK_SIZE, CHUNK_OVERLAP, SEPARATORS,
                FORMAT, CHUNK_TEXT_COLUMN, CHUNK_INDEX_COLUMN, CHUNK_COUNT_COLUMN, CHUNK_ID_COLUMN,
                HEADING_PATH_COLUMN).build();
    }

    /** The settings of one step, checked across parameters. */
    record Settings(String sourceColumn, String idColumn, TokenCounter counter, int chunkSize, int chunkOverlap,
                    List<String> separators, boolean markdown, String chunkTextColumn, String chunkIndexColumn,
                    String chunkCountColumn, String chunkIdColumn, String headingPathColumn) {
    }

    static Settings settings(PluginConfig config) {
        int size = config.get(CHUNK_SIZE);
        int overlap = config.get(CHUNK_OVERLAP);
        String step = config.stepName();
        if (overlap >= size) {
            throw PluginException.config("chunkOverlap", "chunkOverlap " + overlap + " must be less than chunkSize "
                    + size + " (step " + step + "); lower chunkOverlap or raise chunkSize");
        }
        List<String> separators = config.getIfSet(SEPARATORS).orElse(DEFAULT_SEPARATORS);
        for (int i = 0; i < separators.size(); i++) {
            if (separators.get(i) == null || separators.get(i).isEmpty()) {
                throw PluginException.config("separators[" + i + "]", "is empty; grapheme clusters are always the "
                        + "last resort, leave them out of the list (step " + step + ")");
            }
        }
        return new Settings(config.get(SOURCE_COLUMN), config.get(ID_COLUMN), TokenCounters.named(config.get(TOKENIZER)),
                size, overlap, List.copyOf(separators),
                config.get(FORMAT).toLowerCase(Locale.ROOT).equals("markdown"), config.get(CHUNK_TEXT_COLUMN),
                config.get(CHUNK_INDEX_COLUMN), config.get(CHUNK_COUNT_COLUMN), config.get(CHUNK_ID_COLUMN),
                config.get(HEADING_PATH_COLUMN));
    }
}
