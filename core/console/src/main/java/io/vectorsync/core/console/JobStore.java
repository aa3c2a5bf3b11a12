package io.vectorsync.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vectorsync.api.PluginKind;
import io.vectorsync.core.job.StepCategory;
import io.vectorsync.core.plugin.PluginRegistry;
import io.vectorsync.core.stats.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Saved jobs: {@code jobs/<name>.json} in the work directory. A step's secret parameters read back as
 * {@code ******}; saving {@code ******} keeps the stored value.
 */
final class JobStore {
    private final SecretMasker masker;
    private final WorkDir workDir;
    private final PluginRegistry plugins;
    private final ObjectMapper mapper;

    JobStore(WorkDir workDir, PluginRegistry plugins, ObjectMapper mapper, SecretMasker masker) {
        this.masker = masker;
        this.workDir = workDir;
        this.plugins = plugins;
        this.mapper = mapper;
    }

    List<String> list() {
        try (Stream<Path> files = Files.list(workDir.jobs())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String get(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            throw new ConsoleException(404, "no saved job \"" + name + "\"");
        }
        try {
            JsonNode job = mapper.readTree(Files.readString(file));
            forEachSecret(job, (params, key) -> {
                masker.add(params.get(key).asText());
                params.put(key, DatasourceStore.MASK);
            });
            return job.toPrettyString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void put(String name, String json) {
        Path file = file(name);
        try {
            JsonNode job = mapper.readTree(json);
            if (job == null || !job.isObject()) {
                throw new ConsoleException(400, "a job must be a JSON object");
            }
            JsonNode old = Files.exists(file) ? mapper.readTree(Files.readString(file)) : null;
            forEachSecret(job, (params, key) -> {
                if (DatasourceStore.MASK.equals(params.get(key).asText())) {
                    JsonNode kept = old == null ? null : old.at(pointer(job, params) + "/" + key);
                    if (kept != null && !kept.isMissingNode()) {
                        params.set(key, kept);
                    } else {
                        params.remove(key);
                    }
                }
            });
            Files.writeString(file, job.toPrettyString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConsoleException(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String name) {
        return workDir.jobs().resolve(WorkDir.name(name, "job") + ".json");
    }

    private static String pointer(JsonNode job, ObjectNode params) {
        JsonNode steps = job.path("steps");
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).get("parameter") == params) {
                return "/steps/" + i + "/parameter";
            }
        }
        return "/missing";
    }

    private interface SecretVisitor {
        void visit(ObjectNode params, String key);
    }

    /** Visits each step parameter declared secret by the step's plugin (or its model provider). */
    private void forEachSecret(JsonNode job, SecretVisitor visitor) {
        for (JsonNode step : job.path("steps")) {
            if (!(step.get("parameter") instanceof ObjectNode params)) {
                continue;
            }
            Set<String> secrets = new HashSet<>();
            StepCategory category = StepCategory.parse(step.path("category").asText(null));
            if (category != null) {
                secrets.addAll(secretKeys(category.pluginKind(), step.path("stepType").asText()));
            }
            if (params.get("modelProvider") != null) {
                secrets.addAll(secretKeys(PluginKind.MODEL, params.get("modelProvider").asText()));
            }
            for (String key : secrets) {
                if (params.get(key) != null && params.get(key).isTextual()) {
                    visitor.visit(params, key);
                }
            }
        }
    }

    private Set<String> secretKeys(PluginKind kind, String name) {
        try {
            return plugins.find(kind, name).map(p -> p.factory().configSpec().secretKeys()).orElse(Set.of());
        } catch (RuntimeException e) {
            return Set.of();
        }
    }
}
