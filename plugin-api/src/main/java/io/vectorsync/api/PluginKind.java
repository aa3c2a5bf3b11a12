package io.vectorsync.api;

import java.util.Locale;

/** What a plugin does; also the directory under {@code plugins/} it is installed in. */
public enum PluginKind {
    READER, TRANSFORMER, MODEL, WRITER;

    /** {@code reader}, {@code transformer}, {@code model}, {@code writer}. */
    public String directoryName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PluginKind fromDirectoryName(String name) {
        for (PluginKind k : values()) {
            if (k.directoryName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown plugin kind \"" + name + "\"; expected reader, transformer, model or writer");
    }
}
