package io.vectorsync.core.job;

import io.vectorsync.api.PluginKind;

/** A step's role, from its {@code category}: reader, writer, or a transformer ({@code map} / {@code flatmap}). */
public enum StepCategory {
    READER(PluginKind.READER), TRANSFORMER(PluginKind.TRANSFORMER), WRITER(PluginKind.WRITER);

    private final PluginKind pluginKind;

    StepCategory(PluginKind pluginKind) {
        this.pluginKind = pluginKind;
    }

    public PluginKind pluginKind() {
        return pluginKind;
    }

    /** Parses DataWorks' category names; {@code null} when unknown. */
    public static StepCategory parse(String category) {
        if (category == null) {
            return null;
        }
        return switch (category.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "reader" -> READER;
            case "writer" -> WRITER;
            // "map/flatmap" is written literally in the seed's template (DataWorks' docs say "map/flatmap")
            case "map", "flatmap", "map/flatmap", "transformer" -> TRANSFORMER;
            default -> null;
        };
    }
}
