package io.vectorsync.core.console;

import io.vectorsync.core.cli.CliSubcommand;
import io.vectorsync.core.cli.VectorsyncCli;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/vectorsync console}: starts the web console and serves until stopped (Ctrl-C). */
@Command(name = "console", description = "Start the web console: build, validate, preview, run and watch jobs in a "
        + "browser; JSON API under /api.")
public final class ConsoleCommand implements Callable<Integer>, CliSubcommand {
    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}). "
            + "Any non-loopback address requires the token printed at start.")
    String bind;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Where jobs, runs and conf/datasources.json are kept, "
            + "and the only place the console reads or writes files (default: the current directory).")
    Path workDir = Path.of(".");

    @Option(names = "--plugin-dir", paramLabel = "DIR", description = "An extra plugin directory; repeatable.")
    List<Path> pluginDirs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        quietServerLogs();
        List<Path> extra = pluginDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<Path> dirs = VectorsyncCli.pluginDirs(extra);
        ConsoleServer server = new ConsoleServer(workDir.toAbsolutePath().normalize(), bind, dirs, extra).start(bind, port);
        PrintWriter out = spec.commandLine().getOut();
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        out.println("vectorsync console on http://" + host + ":" + server.port() + "/ (work directory "
                + server.workDir() + "); Ctrl-C stops it");
        if (server.token() != null) {
            // printed once, here only: the console never logs it
            out.println("Access token: " + server.token());
            out.println("Open http://" + host + ":" + server.port() + "/?token=" + server.token()
                    + " or send the header " + Security.TOKEN_HEADER);
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "console-stop"));
        stopped.await();
        return 0;
    }

    /** Jetty's and Javalin's start-up chatter at INFO is noise next to the console's one line. */
    private static void quietServerLogs() {
        for (String name : List.of("org.eclipse.jetty", "io.javalin")) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger l) {
                l.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }
}
