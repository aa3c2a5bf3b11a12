package io.vectorsync.core.console;

import io.vectorsync.api.PluginFactory;
import io.vectorsync.api.PluginKind;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.OptionType;
import io.vectorsync.api.config.Secret;
import io.vectorsync.core.plugin.LoadedPlugin;
import io.vectorsync.core.plugin.PluginDescriptor;
import io.vectorsync.core.plugin.PluginLoadException;
import io.vectorsync.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plugin catalog as JSON: the list of installed plugins, and one plugin's declared options (type, default,
 * enum values, secrecy, nested element specs), which is all the editor needs to draw its form.
 */
final class Catalog {
    private final PluginRegistry plugins;

    Catalog(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    /** {@code GET /api/plugins}: every installed plugin, grouped by kind. */
    Map<String, Object> list() {
        Map<String, Object> byKind = new LinkedHashMap<>();
        for (PluginKind k : PluginKind.values()) {
            byKind.put(plural(k), new ArrayList<Map<String, Object>>());
        }
        for (PluginDescriptor d : plugins.list()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", d.name());
            p.put("kind", d.kind().directoryName());
            p.put("version", d.version());
            p.put("apiVersion", d.apiVersion());
            p.put("description", d.description());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) byKind.get(plural(d.kind()));
            list.add(p);
        }
        return byKind;
    }

    /** {@code GET /api/plugins/{kind}/{name}}: 404 for an unknown kind or name. */
    Map<String, Object> describe(String kindName, String name) {
        PluginKind kind;
        try {
            kind = PluginKind.fromDirectoryName(kindName.toLowerCase(Locale.ROOT).replaceFirst("s$", ""));
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(404, e.getMessage());
        }
        LoadedPlugin plugin;
        try {
            plugin = plugins.find(kind, name).orElseThrow(() -> new ConsoleException(404, "no " + kind.directoryName()
                    + " plugin named \"" + name + "\"; installed: " + plugins.names(kind)));
        } catch (PluginLoadException e) {
            throw new ConsoleException(500, e.getMessage());
        }
        PluginFactory f = plugin.factory();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", plugin.descriptor().name());
        p.put("kind", kind.directoryName());
        p.put("version", plugin.descriptor().version());
        p.put("description", f.description());
        p.put("aliases", f.aliases());
        ConfigSpec spec = f.configSpec();
        p.put("options", options(spec));
        spec.modelProviderOption().ifPresent(o -> p.put("modelProviderOption", o.key()));
        return p;
    }

    /** A typed list's default as a job writes it ({@code ["*"]}), not as the bound element configs. */
    private static Object defaultAsWritten(Option<?> o) {
        if (o.defaultValue() == null) {
            return null;
        }
        try {
            return DEFAULTS_READER.readValue(o.defaultText(), Object.class);
        } catch (java.io.IOException e) {
            return o.defaultText();
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper DEFAULTS_READER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    static List<Map<String, Object>> options(ConfigSpec spec) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Option<?> o : spec.options()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", o.key());
            m.put("type", o.type().name());
            m.put("typeName", o.type().displayName());
            m.put("required", o.required());
            Object def = o.type() == OptionType.OBJECT_LIST ? defaultAsWritten(o) : o.defaultValue();
            if (def != null && !(def instanceof Secret)) {
                m.put("default", def);
            }
            m.put("description", o.description());
            m.put("aliases", o.aliases());
            m.put("secret", o.isSecret());
            if (!o.allowedValues().isEmpty()) {
                m.put("enum", List.copyOf(o.allowedValues()));
            }
            if (o.type() == OptionType.OBJECT_LIST) {
                m.put("element", options(o.elementSpec()));
                m.put("shorthandKey", o.shorthandKey());
            }
            out.add(m);
        }
        return out;
    }

    private static String plural(PluginKind k) {
        return k.directoryName() + "s";
    }
}
