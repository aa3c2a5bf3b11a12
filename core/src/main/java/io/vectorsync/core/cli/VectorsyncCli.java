package io.vectorsync.core.cli;

import io.vectorsync.api.PluginKind;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Row;
import io.vectorsync.core.Engine;
import io.vectorsync.core.job.InvalidJobException;
import io.vectorsync.core.job.JobSpec;
import io.vectorsync.core.job.SchedulingTime;
import io.vectorsync.core.plugin.LoadedPlugin;
import io.vectorsync.core.plugin.PluginDescriptor;
import io.vectorsync.core.plugin.PluginLoadException;
import io.vectorsync.core.resume.ResumeMode;
import io.vectorsync.core.resume.ResumeRefusedException;
import io.vectorsync.core.runtime.JobControl;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import io.vectorsync.core.stats.JobSummary;
import io.vectorsync.core.stats.SecretMasker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/vectorsync}: run, preview and validate jobs, list and describe plugins. Exit codes: 0 success,
 * 1 the job failed (a limit was crossed, a target refused), 2 invalid job or arguments, 130 / 143 the job was
 * cancelled by SIGINT / SIGTERM (report status CANCELLED).
 */
@Command(name = "vectorsync", mixinStandardHelpOptions = true, versionProvider = VectorsyncCli.Version.class,
        description = "Reads data where it lives, embeds it, writes vectors where they are searched.",
        subcommands = {VectorsyncCli.Run.class, VectorsyncCli.Preview.class, VectorsyncCli.Validate.class,
                VectorsyncCli.Plugins.class, VectorsyncCli.Estimate.class})
public final class VectorsyncCli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int INVALID = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Set by {@link #main}: only a real process handles SIGINT and SIGTERM (not tests calling execute). */
    private static volatile boolean handleSignals;

    public static void main(String[] args) {
        handleSignals = true;
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new VectorsyncCli());
        for (CliSubcommand extra : java.util.ServiceLoader.load(CliSubcommand.class)) {
            cli.addSubcommand(extra); // e.g. "console", from lib/ when installed
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("error: " + SecretMasker.maskAll(describe(e)));
            return e instanceof InvalidJobException || e instanceof PluginLoadException
                    || e instanceof IllegalArgumentException ? INVALID : JOB_FAILED;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            e.getCommandLine().usage(err);
            return INVALID;
        });
        return cli.execute(args);
    }

    private static String describe(Exception e) {
        return e instanceof InvalidJobException || e instanceof PluginLoadException
                || e instanceof ResumeRefusedException ? e.getMessage() : e.toString();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return INVALID;
    }

    /** Options every job command takes. */
    static class JobOptions {
        @Parameters(index = "0", paramLabel = "JOB", description = "The job file (DataWorks code-editor JSON).")
        Path job;

        @Option(names = "-p", paramLabel = "name=value", description = "A script parameter for ${name}; repeatable. "
                + "Unset names fall back to environment variables.")
        List<String> parameters = new ArrayList<>();

        @Option(names = "--datasources", paramLabel = "FILE", description = "Named connections (default: "
                + "conf/datasources.json, then $VECTORSYNC_HOME/conf/datasources.json).")
        Path datasources;

        @Option(names = "--plugin-dir", paramLabel = "DIR", description = "An extra plugin directory (holding "
                + "reader/, transformer/, model/, writer/); repeatable.")
        List<Path> pluginDirs = new ArrayList<>();

        @Option(names = "--dirty-file", paramLabel = "FILE", description = "Where dirty records go (JSON lines; "
                + "default dirty/<job>-<time>.jsonl, created only if a record is dirty).")
        Path dirtyFile;

        @Option(names = "--bizdate", paramLabel = "yyyymmdd", description = "The business date DataWorks' "
                + "scheduling expressions see (${yyyymmdd}, $bizdate); default: the day before --cyctime.")
        String bizdate;

        @Option(names = "--cyctime", paramLabel = "yyyymmddhh24miss", description = "The scheduled time DataWorks' "
                + "scheduling expressions see ($[yyyymmdd-1], $cyctime); default: midnight after --bizdate, or now.")
        String cyctime;

        @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "5",
                description = "Seconds between progress lines; 0 turns them off (default ${DEFAULT-VALUE}).")
        int progressSeconds;

        /** Set by {@code run}: journal the splits so a crashed run can be resumed. */
        ResumeMode resumeMode = ResumeMode.OFF;
        Path stateDir;

        /** Held so the job's masker stays registered until the error handler has masked the error. */
        private Engine engine;

        Engine engine() {
            OutputPaths.check("--dirty-file", dirtyFile);
            Map<String, String> params = new LinkedHashMap<>();
            for (String p : parameters) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("-p takes name=value, got \"" + p + "\"");
                }
                params.put(p.substring(0, eq), p.substring(eq + 1));
            }
            Path home = home();
            engine = Engine.builder()
                    .pluginDirs(pluginDirs(pluginDirs))
                    .includeClassPath(Boolean.getBoolean(CLASS_PATH_PLUGINS))
                    .datasources(datasourcesFile(home))
                    .scriptParameters(params)
                    .schedulingTime(SchedulingTime.of(bizdate, cyctime))
                    .dirtyFile(dirtyFile)
                    .runOptions(RunOptions.defaults().withProgressInterval(Duration.ofSeconds(Math.max(0, progressSeconds))))
                    .resume(resumeMode, stateDir)
                    .build();
            return engine;
        }

        private Path datasourcesFile(Path home) {
            if (datasources != null) {
                if (!Files.exists(datasources)) {
                    throw new IllegalArgumentException("--datasources " + datasources + ": no such file");
                }
                return datasources;
            }
            Path local = Path.of("conf", "datasources.json");
            if (Files.exists(local)) {
                return local;
            }
            if (home != null && Files.exists(home.resolve("conf/datasources.json"))) {
                return home.resolve("conf/datasources.json");
            }
            return null;
        }
    }

    /**
     * Off by default: the command line sees only plugin directories, never factories that happen to be on its own
     * class path. The core's tests set it to run their in-process fixture plugins through the CLI.
     */
    static final String CLASS_PATH_PLUGINS = "vectorsync.classPathPlugins";

    /** The installation directory: -Dvectorsync.home (set by bin/vectorsync) or $VECTORSYNC_HOME. */
    static Path home() {
        String home = System.getProperty("vectorsync.home", System.getenv("VECTORSYNC_HOME"));
        return home == null || home.isBlank() ? null : Path.of(home);
    }

    /** The installation's {@code plugins} directory (when there is one), then {@code extra}. */
    public static List<Path> pluginDirs(List<Path> extra) {
        List<Path> dirs = new ArrayList<>();
        Path home = home();
        if (home != null && Files.isDirectory(home.resolve("plugins"))) {
            dirs.add(home.resolve("plugins"));
        }
        dirs.addAll(extra);
        return dirs;
    }

    @Command(name = "run", description = "Run a job.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        JobOptions options;

        @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report (status, counts, per-step metrics).")
        Path report;

        @Option(names = "--resume", arity = "0..1", fallbackValue = "", paramLabel = "force",
                description = "Journal the splits (after JOB, or --resume=force): a rerun with --resume after a crash "
                        + "skips the splits already written. Refused for writers that are not idempotent and, unless "
                        + "=force, when the input changed.")
        String resume;

        @Option(names = "--state-dir", paramLabel = "DIR", description = "Where --resume keeps its journal "
                + "(default .vectorsync/state).")
        Path stateDir;

        @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local", description = "local (default: this "
                + "JVM) or flink (an embedded Flink MiniCluster, or a session cluster with --flink-master).")
        String engineName;

        @Option(names = "--flink-master", paramLabel = "HOST:PORT", description = "With --engine flink: the REST "
                + "address of a running Flink session cluster to submit the job to.")
        String flinkMaster;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            OutputPaths.check("--report", report);
            options.resumeMode = resume == null ? ResumeMode.OFF : ResumeMode.parse(resume);
            if (stateDir != null && resume == null) {
                throw new IllegalArgumentException("--state-dir only applies with --resume");
            }
            options.stateDir = stateDir;
            Engine engine = options.engine();
            String name = options.job.getFileName().toString().replaceFirst("\\.json$", "");
            JobControl control = new JobControl();
            StopSignals signals = handleSignals ? StopSignals.install(control, RunOptions.defaults().stopGrace()) : null;
            JobResult result = runOn(engine, control);
            PrintWriter err = spec.commandLine().getErr();
            err.print(engine.masker().mask(JobSummary.table(name, result)));
            err.flush();
            if (report != null) {
                JobSummary.writeReport(report, name, result, engine.mapper(), engine.masker());
            }
            if (result.status() == JobResult.Status.CANCELLED && signals != null && signals.exitCode() != 0) {
                return signals.exitCode();
            }
            return result.succeeded() ? OK : JOB_FAILED;
        }

        private JobResult runOn(Engine engine, JobControl control) throws Exception {
            if (engineName.equals("local")) {
                if (flinkMaster != null) {
                    throw new IllegalArgumentException("--flink-master needs --engine flink");
                }
                return engine.run(options.job, control);
            }
            if (resume != null) {
                throw new IllegalArgumentException("--resume journals the local engine's splits; it does not apply to"
                        + " --engine " + engineName);
            }
            for (EngineProvider provider : java.util.ServiceLoader.load(EngineProvider.class)) {
                if (provider.name().equals(engineName)) {
                    Map<String, String> engineOptions = new LinkedHashMap<>();
                    if (flinkMaster != null) {
                        engineOptions.put("flink.master", flinkMaster);
                    }
                    return provider.run(engine, options.job, control, engineOptions);
                }
            }
            throw new IllegalArgumentException("--engine " + engineName + ": no such engine is installed (local is "
                    + "built in; flink needs lib/flink/ of the distribution)");
        }
    }

    @Command(name = "preview", description = "Read a sample, run the transformers, print the records (vectors "
            + "shortened); writes nothing.")
    static final class Preview implements Callable<Integer> {
        @CommandLine.Mixin
        JobOptions options;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "Records to show (default ${DEFAULT-VALUE}).")
        int limit;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (limit <= 0) {
                throw new IllegalArgumentException("--limit must be positive");
            }
            Engine engine = options.engine();
            JobResult result = engine.preview(options.job, limit);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (result.outputSchema() != null) {
                List<String> cols = new ArrayList<>();
                for (Field f : result.outputSchema().fields()) {
                    cols.add(f.name() + " " + f.type());
                }
                out.println("columns: " + String.join(", ", cols));
            }
            int i = 1;
            for (Row r : result.previewRecords()) {
                out.println("#" + i++ + " " + engine.masker().mask(r.toString()));
            }
            out.println(result.previewRecords().size() + " record(s) previewed; nothing was written");
            out.flush();
            if (!result.succeeded()) {
                err.println("error: " + result.error());
                return JOB_FAILED;
            }
            return OK;
        }
    }

    @Command(name = "validate", description = "Check a job offline: format, parameters, datasources, plugins, "
            + "schemas through every step. Opens no connection.")
    static final class Validate implements Callable<Integer> {
        @CommandLine.Mixin
        JobOptions options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            JobSpec job = options.engine().validate(options.job);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Job " + job.name() + " is valid: " + job.steps().size() + " steps, "
                    + job.settings().concurrent() + " stream(s)");
            if (!job.ignoredKeys().isEmpty()) {
                out.println("Accepted and ignored (DataWorks keys with no effect here): "
                        + String.join(", ", job.ignoredKeys()));
            }
            return OK;
        }
    }

    @Command(name = "plugins", description = "List installed plugins, or describe one: plugins describe NAME.")
    static final class Plugins implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "describe", description = "\"describe\"")
        String verb;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The plugin to describe.")
        String name;

        @Option(names = "--plugin-dir", paramLabel = "DIR", description = "An extra plugin directory; repeatable.")
        List<Path> pluginDirs = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            JobOptions o = new JobOptions();
            o.pluginDirs = pluginDirs;
            Engine engine = o.engine();
            PrintWriter out = spec.commandLine().getOut();
            if (verb == null) {
                out.printf("%-12s %-24s %-16s %-5s %s%n", "KIND", "NAME", "VERSION", "API", "LOCATION");
                for (PluginDescriptor d : engine.plugins().list()) {
                    out.printf("%-12s %-24s %-16s %-5s %s%n", d.kind().directoryName(), d.name(), d.version(),
                            d.apiVersion(), d.location());
                }
                return OK;
            }
            if (!verb.equals("describe") || name == null) {
                throw new IllegalArgumentException("usage: vectorsync plugins [describe NAME]");
            }
            boolean found = false;
            for (PluginKind kind : PluginKind.values()) {
                var plugin = engine.plugins().find(kind, name);
                if (plugin.isPresent()) {
                    found = true;
                    describe(out, plugin.get());
                }
            }
            if (!found) {
                throw new IllegalArgumentException("no plugin named \"" + name + "\"; run \"vectorsync plugins\" to list them");
            }
            return OK;
        }

        private static void describe(PrintWriter out, LoadedPlugin p) {
            PluginDescriptor d = p.descriptor();
            out.println("## " + d.kind().directoryName() + " " + d.name() + " " + d.version());
            out.println();
            out.println(p.factory().description());
            if (!p.factory().aliases().isEmpty()) {
                out.println("Also known as: " + String.join(", ", p.factory().aliases()));
            }
            out.println();
            out.print(p.factory().configSpec().toMarkdown());
            out.println();
        }
    }

    /** Prints the core's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = VectorsyncCli.class.getPackage().getImplementationVersion();
            return new String[] {"vectorsync " + (v == null ? "dev" : v)};
        }
    }

    @Command(name = "estimate", description = "Read the input and compose the texts as a run would; report texts, "
            + "distinct and already-cached texts, tokens, model calls, cost and duration. Calls no model, writes nothing.")
    static final class Estimate implements Callable<Integer> {
        @CommandLine.Mixin
        JobOptions options;

        @Option(names = "--report", paramLabel = "FILE", description = "Write the estimate as JSON (records, texts, "
                + "distinctTexts, cachedTexts, tokens, modelCalls, estimatedCost {amount, currency}, estimatedSeconds).")
        Path report;

        @Option(names = "--sample", paramLabel = "N", defaultValue = "0", description = "Compose only the first N "
                + "records and extrapolate to all records read (default: all).")
        long sample;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (sample < 0) {
                throw new IllegalArgumentException("--sample must not be negative");
            }
            Engine engine = options.engine();
            String name = options.job.getFileName().toString().replaceFirst("\\.json$", "");
            io.vectorsync.core.estimate.Estimator estimator = new io.vectorsync.core.estimate.Estimator(engine);
            io.vectorsync.core.estimate.JobEstimate estimate = estimator.estimate(options.job, sample);
            PrintWriter out = spec.commandLine().getOut();
            out.print(estimate.table(name));
            out.flush();
            if (report != null) {
                estimator.writeReport(report, name, estimate);
            }
            return OK;
        }
    }
}
