package io.vectorsync.core.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI tests share: a temporary folder and a way to run the CLI and keep its exit code and output. */
abstract class CliTestBase {
    @TempDir
    Path dir;

    /** The exit code and what the CLI printed to stdout and stderr. */
    record Outcome(int code, String out, String err) {
    }

    /** Runs {@code vectorsync args...} in this JVM. */
    Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VectorsyncCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }
}
