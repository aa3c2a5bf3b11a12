package io.vectorsync.core.job;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.PluginKind;
import io.vectorsync.api.config.ConfigIssue;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Suggestions;
import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.ReaderFactory;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.transform.TransformerFactory;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.core.datax.DataxTransformerFactory;
import io.vectorsync.core.plugin.LoadedPlugin;
import io.vectorsync.core.plugin.PluginDescriptor;
import io.vectorsync.core.plugin.PluginLoadException;
import io.vectorsync.core.plugin.PluginRegistry;
import io.vectorsync.core.runtime.CoreModelRegistry;
import io.vectorsync.core.runtime.DirtyRecords;
import io.vectorsync.core.runtime.JobControl;
import io.vectorsync.core.runtime.RunScope;
import io.vectorsync.core.runtime.StepContext;
import io.vectorsync.core.stats.SecretMasker;
import io.vectorsync.core.stats.StepMetrics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns a parsed job into a {@link JobPlan} offline: finds each step's plugin, validates its parameters against
 * the plugin's declared spec (and, for the embedding step, the model provider's), creates the plugins and
 * propagates the schema from the reader through every transformer to the writer. Every problem of every step is
 * collected before one {@link InvalidJobException} is thrown; nothing connects anywhere.
 */
public final class JobPlanner {
    private final PluginRegistry plugins;
    private final DirtyRecords dirtyRecords;
    private final JobControl control;
    private final SecretMasker masker;
    private final boolean preview;
    private boolean estimating;

    public JobPlanner(PluginRegistry plugins, DirtyRecords dirtyRecords, JobControl control, SecretMasker masker,
                      boolean preview) {
        this.plugins = plugins;
        this.dirtyRecords = dirtyRecords;
        this.control = control;
        this.masker = masker;
        this.preview = preview;
    }

    /**
     * Plans for {@code vectorsync estimate}: transformers get a model registry whose models count texts and tokens
     * instead of calling the service ({@link io.vectorsync.api.model.ModelRegistry#estimating()}).
     */
    public JobPlanner estimating() {
        this.estimating = true;
        return this;
    }

    public JobPlan plan(JobSpec job) {
        List<JobIssue> issues = new ArrayList<>();
        List<PlannedStep<?>> created = new ArrayList<>();
        PlannedStep<Reader> reader = null;
        List<PlannedStep<Transformer>> transformers = new ArrayList<>();
        List<PlannedStep<Writer>> writers = new ArrayList<>();
        Schema schema = null;
        RunScope scope = RunScope.join(control.runId()); // shared with the run's other plans in this process
        try {
            for (StepSpec step : job.steps()) {
                StepContext context = context(step, job.settings().concurrent(),
                        step.category() == StepCategory.TRANSFORMER, scope);
                // a writer does not change the records: the next writer is checked against the same schema
                boolean keepsSchema = step.category() == StepCategory.WRITER;
                LoadedPlugin plugin = findPlugin(step, issues);
                if (plugin == null) {
                    schema = keepsSchema ? schema : null;
                    continue;
                }
                PluginConfig config = validate(step, plugin, issues);
                if (config == null) {
                    schema = keepsSchema ? schema : null;
                    continue;
                }
                try {
                    switch (step.category()) {
                        case READER -> {
                            Reader r = plugin.call(() -> ((ReaderFactory) plugin.factory()).create(config, context));
                            schema = plugin.call(r::schema);
                            reader = new PlannedStep<>(step, plugin, r, context, schema);
                            created.add(reader);
                        }
                        case TRANSFORMER -> {
                            Transformer t = plugin.call(() -> ((TransformerFactory) plugin.factory()).create(config, context));
                            PlannedStep<Transformer> planned = new PlannedStep<>(step, plugin, t, context, null);
                            created.add(planned);
                            Schema input = schema;
                            schema = input == null ? null : plugin.call(() -> t.outputSchema(input));
                            planned = new PlannedStep<>(step, plugin, t, context, schema);
                            created.set(created.size() - 1, planned);
                            transformers.add(planned);
                        }
                        case WRITER -> {
                            Writer w = plugin.call(() -> ((WriterFactory) plugin.factory()).create(config, context));
                            PlannedStep<Writer> writer = new PlannedStep<>(step, plugin, w, context, schema);
                            created.add(writer);
                            writers.add(writer);
                            Schema input = schema;
                            if (input != null) {
                                plugin.run(() -> w.bind(input));
                            }
                        }
                        default -> throw new IllegalStateException();
                    }
                } catch (PluginException e) {
                    if (e.errorCode().category() != ErrorCategory.USER_CONFIG) {
                        throw e;
                    }
                    issues.add(new JobIssue(step.path(), step.name() + " (" + step.stepType() + "): " + e.getMessage()));
                    schema = keepsSchema ? schema : null; // later steps cannot be checked against an unknown schema
                } catch (IllegalArgumentException e) {
                    issues.add(new JobIssue(step.path(), step.name() + " (" + step.stepType() + "): " + e.getMessage()));
                    schema = keepsSchema ? schema : null;
                }
            }
        } catch (RuntimeException e) {
            created.forEach(JobPlan::closeQuietly);
            scope.close();
            throw e;
        } catch (Exception e) {
            created.forEach(JobPlan::closeQuietly);
            scope.close();
            throw new IllegalStateException("planning failed: " + e, e);
        }
        if (!issues.isEmpty()) {
            created.forEach(JobPlan::closeQuietly);
            scope.close();
            throw new InvalidJobException(issues);
        }
        return new JobPlan(job, reader, transformers, writers, scope);
    }

    private StepContext context(StepSpec step, int concurrency, boolean withModels, RunScope scope) {
        StepMetrics metrics = new StepMetrics(step.name(), step.stepType(), step.category().name().toLowerCase(Locale.ROOT));
        AtomicReference<PluginContext> self = new AtomicReference<>();
        CoreModelRegistry models = withModels ? new CoreModelRegistry(plugins, step.name(), self::get, estimating) : null;
        StepContext context = new StepContext(metrics, concurrency, dirtyRecords, control, preview, models, scope);
        self.set(context);
        return context;
    }

    private LoadedPlugin findPlugin(StepSpec step, List<JobIssue> issues) {
        PluginKind kind = step.category().pluginKind();
        if (kind == PluginKind.TRANSFORMER) {
            // DataX's dx_* column transformers are built in, for the transformer lists of DataX jobs
            var builtIn = DataxTransformerFactory.find(step.stepType());
            if (builtIn.isPresent()) {
                TransformerFactory f = builtIn.get();
                return new LoadedPlugin(new PluginDescriptor(f.name(), kind, f.version(), null, f.description(),
                        f.aliases(), null),
                        JobPlanner.class.getClassLoader(), f);
            }
        }
        try {
            return plugins.find(kind, step.stepType()).orElseGet(() -> {
                List<String> installed = plugins.names(kind);
                String suggestion = Suggestions.closest(step.stepType(), installed);
                issues.add(new JobIssue(step.path() + ".stepType", "unknown " + kind.directoryName() + " \""
                        + step.stepType() + "\"" + (suggestion != null ? "; did you mean \"" + suggestion + "\"?" : "")
                        + "; installed " + kind.directoryName() + "s: " + installed));
                return null;
            });
        } catch (PluginLoadException e) {
            issues.add(new JobIssue(step.path() + ".stepType", e.getMessage()));
            return null;
        }
    }

    /** Validates the step's parameters; registers its secrets with the masker. Null when invalid. */
    private PluginConfig validate(StepSpec step, LoadedPlugin plugin, List<JobIssue> issues) {
        ConfigSpec spec = plugin.factory().configSpec();
        Map<String, Object> params = step.parameters();
        registerSecrets(spec, params);
        Set<String> alsoKnown = new HashSet<>();
        List<ConfigIssue> found = new ArrayList<>();
        if (spec.modelProviderOption().isPresent()) {
            Option<String> providerOption = spec.modelProviderOption().get();
            Object provider = params.get(providerOption.key());
            if (provider != null) {
                try {
                    LoadedPlugin model = CoreModelRegistry.find(plugins, provider.toString());
                    ConfigSpec modelSpec = model.factory().configSpec();
                    registerSecrets(modelSpec, params);
                    alsoKnown.addAll(modelSpec.keys());
                    Map<String, Object> own = CoreModelRegistry.ownParameters(modelSpec, params);
                    for (ConfigIssue i : modelSpec.validate(own)) {
                        if (!spec.keys().contains(i.key()) || !i.message().startsWith("required")) {
                            found.add(new ConfigIssue(i.key(), i.message() + " (model provider " + provider + ")"));
                        }
                    }
                } catch (PluginException | PluginLoadException e) {
                    issues.add(new JobIssue(step.parameterPath(providerOption.key()), e.getMessage()));
                }
            }
        }
        found.addAll(0, spec.validate(params, alsoKnown));
        for (ConfigIssue i : found) {
            String key = i.key();
            int cut = indexOfAny(key);
            String head = cut < 0 ? key : key.substring(0, cut);
            issues.add(new JobIssue(step.parameterPath(head) + (cut < 0 ? "" : key.substring(cut)),
                    i.message() + " (step " + step.name() + ", " + step.stepType() + ")"));
        }
        if (!found.isEmpty()) {
            return null;
        }
        return spec.bind(step.name(), params);
    }

    private static int indexOfAny(String key) {
        int a = key.indexOf('[');
        int b = key.indexOf('.');
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private void registerSecrets(ConfigSpec spec, Map<String, Object> params) {
        for (String key : spec.secretKeys()) {
            Object v = params.get(key);
            if (v != null) {
                masker.add(v.toString());
            }
        }
        // belt and braces: keys that look secret even if a plugin forgot to declare them so
        params.forEach((k, v) -> {
            String lower = k.toLowerCase(Locale.ROOT);
            if (v instanceof String s && (lower.contains("password") || lower.contains("secret")
                    || lower.equals("accesskey") || lower.endsWith("token") || lower.equals("apikey"))) {
                masker.add(s);
            }
            // credentials inside other values, e.g. an endpoint http://user:pass@host: masked even where a
            // client's message shows them without the URL around them
            if (v instanceof String s) {
                masker.addCredentialsIn(s);
            } else if (v instanceof List<?> list) {
                list.forEach(e -> masker.addCredentialsIn(e instanceof String s ? s : null));
            }
        });
    }
}
