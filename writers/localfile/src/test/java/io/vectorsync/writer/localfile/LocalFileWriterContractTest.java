package io.vectorsync.writer.localfile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.testkit.contract.WriterContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer contract of the test kit, on the localfile writer in writeMode truncate: files appear at finish by
 * an atomic rename, and an aborted run deletes its in-progress files (see the README's "Failed runs").
 */
class LocalFileWriterContractTest extends WriterContract {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;
    private Path out;

    @Override
    protected WriterFactory factory() {
        return new LocalFileWriterFactory();
    }

    @Override
    protected Map<String, Object> params() {
        out = dir.resolve("out-" + System.nanoTime());
        return Map.of("path", out.toString(), "writeMode", "truncate", "fileFormat", "jsonl");
    }

    /** The ids in the published files; in-progress files (hidden, dot-prefixed) are not output. */
    @Override
    protected List<String> readTarget() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(out)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    ids.add(MAPPER.readTree(line).get("id").asText());
                }
            }
        }
        return ids;
    }

    @Override
    protected AbortOutcome abortLeaves() {
        return AbortOutcome.NOTHING;
    }

    @Override
    protected boolean publishesOnFinish() {
        return true;
    }
}
