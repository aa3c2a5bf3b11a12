package io.vectorsync.core.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads job and datasources files strictly and within bounds: at most {@link #MAX_FILE_BYTES} of UTF-8, no
 * duplicate keys, nothing after the document, strings of at most {@link #MAX_STRING_CHARS} and nesting of at most
 * {@link #MAX_DEPTH}. A file beyond these is an {@link InvalidJobException} (exit 2) naming the limit, never an
 * OutOfMemoryError: {@code /dev/zero} given as the job file is read up to the limit and refused.
 */
public final class JobJson {
    /** A job is a small document; even one with inline data for a stream reader stays far below this. */
    public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    public static final int MAX_STRING_CHARS = 8 * 1024 * 1024;
    /** DataWorks jobs nest about six levels deep; this leaves room for nested plugin options. */
    public static final int MAX_DEPTH = 64;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_FILE_BYTES)
                            .maxStringLength(MAX_STRING_CHARS)
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JobJson() {
    }

    /** Reads {@code file} as UTF-8 text, refusing files larger than {@link #MAX_FILE_BYTES}. */
    public static String readFile(Path file, String what) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InvalidJobException(file.toString(), "no such " + what);
        } catch (IOException e) {
            throw new InvalidJobException(file.toString(), "cannot read the " + what + ": " + e.getMessage());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new InvalidJobException(file.toString(), "the " + what + " is too large: more than "
                    + mib(MAX_FILE_BYTES) + " (a job is a small JSON document; is this the right file?)");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte-order mark some editors write
        } catch (CharacterCodingException e) {
            throw new InvalidJobException(file.toString(), "the " + what + " is not UTF-8 text");
        }
    }

    /**
     * Parses one JSON document into maps, lists and scalars.
     *
     * @param source where the text came from ({@code $} for the job, the file name for datasources), for messages
     * @param what   "job" or "datasources file", for messages
     */
    public static Object parse(String json, String source, String what) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new InvalidJobException(source, "the " + what + " is empty");
            }
            Object value = MAPPER.readValue(parser, Object.class);
            checkNothingFollows(parser, source, what);
            return value;
        } catch (StreamConstraintsException e) {
            throw new InvalidJobException(source, "the " + what + " is too large or nested too deeply: "
                    + constraint(e) + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            if (message.startsWith("Duplicate field")) {
                throw new InvalidJobException(duplicatePath(e, source), "duplicate key "
                        + message.substring("Duplicate field ".length()).replace('\'', '"') + at(e.getLocation())
                        + "; JSON parsers disagree on which one wins, so give each key once");
            }
            throw new InvalidJobException(source, "malformed JSON" + at(e.getLocation()) + ": " + message);
        } catch (IOException e) {
            throw new InvalidJobException(source, "cannot read the " + what + ": " + e.getMessage());
        }
    }

    /** Anything but whitespace after the document, even something that is not JSON, is refused. */
    private static void checkNothingFollows(JsonParser parser, String source, String what) {
        JsonLocation end = parser.currentLocation();
        try {
            if (parser.nextToken() == null) {
                return;
            }
            end = parser.currentTokenLocation();
        } catch (IOException e) {
            // not even a token: still content after the document
        }
        throw new InvalidJobException(source, "unexpected content after the end of the " + what + "'s JSON"
                + at(end) + "; a " + what + " is exactly one JSON object");
    }

    private static String constraint(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("String value length")) {
            return "a string longer than " + mib(MAX_STRING_CHARS) + " characters";
        }
        if (m.contains("nesting depth")) {
            return "objects and lists nested more than " + MAX_DEPTH + " levels deep";
        }
        if (m.contains("Document length")) {
            return "more than " + mib(MAX_FILE_BYTES);
        }
        return m;
    }

    /**
     * The path of the object holding the duplicate, from the parser's context: {@code $.setting.speed} for the job,
     * {@code FILE: $.Milvus_Source} for a datasources file.
     */
    private static String duplicatePath(JsonProcessingException e, String source) {
        if (!(e.getProcessor() instanceof JsonParser parser) || parser.getParsingContext() == null) {
            return source;
        }
        StringBuilder path = new StringBuilder();
        // the innermost context is the object with the duplicate; each enclosing one names where it sits
        for (JsonStreamContext c = parser.getParsingContext().getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            path.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        return ("$".equals(source) ? "" : source + ": ") + "$" + path;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String mib(long bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }
}
