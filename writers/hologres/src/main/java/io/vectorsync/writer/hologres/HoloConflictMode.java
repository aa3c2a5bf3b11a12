package io.vectorsync.writer.hologres;

import io.vectorsync.api.error.PluginException;
import java.util.Locale;

/** What happens when a written row's primary key already exists. */
public enum HoloConflictMode {
    /** The new row replaces the old one entirely; columns the job does not write become NULL. */
    REPLACE,
    /** Only the written columns are updated. */
    UPDATE,
    /** The existing row is kept; the new one is dropped. */
    IGNORE;

    /** Maps DataX/third-party writeMode spellings to a mode; {@code null} for insert/sdk. */
    static HoloConflictMode fromWriteMode(String writeMode) {
        String w = writeMode.toLowerCase(Locale.ROOT).replace("_", "");
        return switch (w) {
            case "replace", "insertorreplace" -> REPLACE;
            case "update", "insertorupdate" -> UPDATE;
            case "ignore", "insertorignore" -> IGNORE;
            default -> null;
        };
    }

    /** conflictMode wins; a conflicting writeMode spelling is an error; default IGNORE (DataWorks UI). */
    static HoloConflictMode resolve(String conflictMode, String writeMode) {
        HoloConflictMode fromWrite = writeMode == null ? null : fromWriteMode(writeMode);
        if (conflictMode == null) {
            return fromWrite == null ? IGNORE : fromWrite;
        }
        HoloConflictMode explicit = valueOf(conflictMode.toUpperCase(Locale.ROOT));
        if (fromWrite != null && fromWrite != explicit) {
            throw PluginException.config("writeMode", "\"" + writeMode + "\" means conflictMode "
                    + fromWrite.name().toLowerCase(Locale.ROOT) + " but conflictMode is \"" + conflictMode
                    + "\"; keep one of them");
        }
        return explicit;
    }
}
