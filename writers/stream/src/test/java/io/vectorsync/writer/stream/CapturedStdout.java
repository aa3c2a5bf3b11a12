package io.vectorsync.writer.stream;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the stream writer prints: registered as a {@code @RegisterExtension} field, it replaces standard output with
 * itself before each test and puts the original back after it.
 */
final class CapturedStdout extends ByteArrayOutputStream implements BeforeEachCallback, AfterEachCallback {
    private PrintStream original;

    @Override
    public void beforeEach(ExtensionContext context) {
        original = System.out;
        System.setOut(new PrintStream(this, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(original);
    }
}
