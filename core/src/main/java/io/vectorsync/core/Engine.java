package io.vectorsync.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.job.Datasources;
import io.vectorsync.core.job.InvalidJobException;
import io.vectorsync.core.job.JobParser;
import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.job.JobPlanner;
import io.vectorsync.core.job.JobSpec;
import io.vectorsync.core.job.SchedulingTime;
import io.vectorsync.core.plugin.PluginRegistry;
import io.vectorsync.core.resume.JobFingerprint;
import io.vectorsync.core.resume.ResumeMode;
import io.vectorsync.core.resume.ResumeSession;
import io.vectorsync.core.runtime.DirtyRecords;
import io.vectorsync.core.runtime.JobControl;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.JobRunner;
import io.vectorsync.core.runtime.RunOptions;
import io.vectorsync.core.stats.SecretMasker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The core as a library: validate, preview or run one job with a given set of plugins. The CLI is a thin shell
 * around this; tests and embedding applications use it directly.
 */
public final class Engine implements AutoCloseable {
    private final PluginRegistry plugins;
    private final List<Path> pluginDirs;
    private final boolean ownsPlugins;
    private final Path datasourcesFile;
    private final Map<String, String> scriptParameters;
    private final Map<String, String> environment;
    private final Path dirtyFile;
    private final RunOptions runOptions;
    private final ResumeMode resumeMode;
    private final Path stateDir;
    private final SchedulingTime schedulingTime;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SecretMasker masker = new SecretMasker(); // one per engine: build one engine per job

    private Engine(Builder b) {
        this.plugins = b.plugins != null ? b.plugins : PluginRegistry.scan(b.pluginDirs, b.includeClassPath);
        this.pluginDirs = b.pluginDirs;
        this.ownsPlugins = b.plugins == null;
        this.datasourcesFile = b.datasourcesFile;
        this.scriptParameters = Map.copyOf(b.scriptParameters);
        this.environment = b.environment;
        this.dirtyFile = b.dirtyFile;
        this.runOptions = b.runOptions;
        this.resumeMode = b.resumeMode;
        this.stateDir = b.stateDir;
        this.schedulingTime = b.schedulingTime != null ? b.schedulingTime : SchedulingTime.now();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Closes the class loaders of the plugins this engine loaded (not those of a registry passed to the builder,
     * nor of plugins with native libraries, which stay loaded for the JVM). Call when its jobs are over.
     */
    @Override
    public void close() {
        if (ownsPlugins) {
            plugins.close();
        }
    }

    public PluginRegistry plugins() {
        return plugins;
    }

    /** The plugin directories given to the builder (not the class path). */
    public List<Path> pluginDirs() {
        return pluginDirs;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public SecretMasker masker() {
        return masker;
    }

    /** Parses the job file (parameters resolved, datasources merged); throws InvalidJobException. */
    public JobSpec parse(Path jobFile) {
        Datasources datasources = datasourcesFile == null ? Datasources.none(Path.of("conf/datasources.json"))
                : Datasources.load(datasourcesFile);
        return new JobParser(scriptParameters, environment, datasources, schedulingTime).parse(jobFile);
    }

    /** Everything that can be checked offline; opens no connection. */
    public JobSpec validate(Path jobFile) {
        JobSpec spec = parse(jobFile);
        try (JobPlan ignored = newPlanner(new JobControl(), dirtyRecords(spec, jobFile), false).plan(spec)) {
            return spec;
        }
    }

    /** Runs the job. Invalid jobs throw InvalidJobException; failures while running end in a failed result. */
    public JobResult run(Path jobFile) {
        return run(jobFile, new JobControl());
    }

    /**
     * Runs the job under {@code control}: {@link JobControl#cancel} from another thread (the CLI's signal handler)
     * stops it; the result is then {@code CANCELLED}, with the counts so far.
     */
    public JobResult run(Path jobFile, JobControl control) {
        return execute(jobFile, runOptions, control);
    }

    /** Reads up to {@code limit} records through reader and transformers; writes nothing. */
    public JobResult preview(Path jobFile, int limit) {
        return execute(jobFile, runOptions.withPreviewLimit(limit), new JobControl());
    }

    private JobResult execute(Path jobFile, RunOptions options, JobControl control) {
        JobSpec spec = parse(jobFile);
        try (DirtyRecords dirty = dirtyRecords(spec, jobFile);
             JobPlan plan = newPlanner(control, dirty, options.preview()).plan(spec)) {
            if (resumeMode == ResumeMode.OFF || options.preview()) {
                return new JobRunner(control, dirty, masker).run(plan, options);
            }
            // the fingerprint after planning: the masker knows the job's secrets, which it leaves out
            try (ResumeSession resume = ResumeSession.open(stateDir, JobFingerprint.of(spec, masker), resumeMode,
                    mapper)) {
                if (resume.attempt() > 1 && dirtyFile != null) {
                    dirty.useFile(perAttempt(dirtyFile, resume.attempt()));
                }
                return new JobRunner(control, dirty, masker, resume).run(plan, options);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot close the dirty-data file or the resume state: " + e.getMessage(), e);
        }
    }

    /** {@code dirty.jsonl} -> {@code dirty.attempt2.jsonl}: an earlier attempt's dirty records stay in its file. */
    private static Path perAttempt(Path file, int attempt) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String renamed = dot > 0 ? name.substring(0, dot) + ".attempt" + attempt + name.substring(dot)
                : name + ".attempt" + attempt;
        return file.resolveSibling(renamed);
    }

    private JobPlanner newPlanner(JobControl control, DirtyRecords dirty, boolean preview) {
        return new JobPlanner(plugins, dirty, control, masker, preview);
    }

    private DirtyRecords dirtyRecords(JobSpec spec, Path jobFile) {
        return new DirtyRecords(dirtyFile(spec), spec.settings().errorLimitRecords(), mapper, masker);
    }

    /** Where the dirty records of {@code spec} go: the configured file, or {@code dirty/<job>-<time>.jsonl}. */
    public Path dirtyFile(JobSpec spec) {
        return dirtyFile != null ? dirtyFile : Path.of("dirty", spec.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".jsonl");
    }

    /** How jobs run (batch and channel sizes, progress interval); other engines run with the same. */
    public RunOptions runOptions() {
        return runOptions;
    }

    /** Builds an {@link Engine}. */
    public static final class Builder {
        private List<Path> pluginDirs = List.of();
        private boolean includeClassPath = true;
        private PluginRegistry plugins;
        private Path datasourcesFile;
        private Map<String, String> scriptParameters = Map.of();
        private Map<String, String> environment = System.getenv();
        private Path dirtyFile;
        private RunOptions runOptions = RunOptions.defaults();
        private ResumeMode resumeMode = ResumeMode.OFF;
        private Path stateDir = Path.of(".vectorsync", "state");
        private SchedulingTime schedulingTime;

        public Builder pluginDirs(List<Path> dirs) {
            this.pluginDirs = List.copyOf(dirs);
            return this;
        }

        /** Whether factories on the application class path count as installed plugins (default true). */
        public Builder includeClassPath(boolean include) {
            this.includeClassPath = include;
            return this;
        }

        public Builder plugins(PluginRegistry registry) {
            this.plugins = registry;
            return this;
        }

        /** The datasources file; null means none (a job naming a datasource then fails validation). */
        public Builder datasources(Path file) {
            this.datasourcesFile = file;
            return this;
        }

        public Builder scriptParameters(Map<String, String> parameters) {
            this.scriptParameters = Objects.requireNonNull(parameters, "parameters is null");
            return this;
        }

        public Builder environment(Map<String, String> env) {
            this.environment = Objects.requireNonNull(env, "env is null");
            return this;
        }

        /** Where dirty records go; default {@code dirty/<job>-<time>.jsonl}, created on the first one. */
        public Builder dirtyFile(Path file) {
            this.dirtyFile = file;
            return this;
        }

        public Builder runOptions(RunOptions options) {
            this.runOptions = Objects.requireNonNull(options, "options is null");
            return this;
        }

        /**
         * Journals the run's splits under {@code stateDir} (default {@code .vectorsync/state}) so that a run
         * interrupted by a crash can be resumed: {@link ResumeMode#ON} or {@link ResumeMode#FORCE}.
         */
        public Builder resume(ResumeMode mode, Path stateDir) {
            this.resumeMode = Objects.requireNonNull(mode, "mode is null");
            if (stateDir != null) {
                this.stateDir = stateDir;
            }
            return this;
        }

        /**
         * The business date and scheduled time that DataWorks' scheduling expressions ({@code $bizdate},
         * {@code $[yyyymmdd-1]}…) are evaluated against; default: now, the business date yesterday.
         */
        public Builder schedulingTime(SchedulingTime time) {
            this.schedulingTime = Objects.requireNonNull(time, "time is null");
            return this;
        }

        public Engine build() {
            return new Engine(this);
        }
    }
}
