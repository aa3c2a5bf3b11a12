package io.vectorsync.api.writer;

import java.util.Objects;

/**
 * A writer's answer to "is writing the same records twice harmless?", with the reason a user reads:
 * {@code Idempotence.yes("upsert by primary key")} or
 * {@code Idempotence.no("writeMode insert with autoId generates new ids; set writeMode to upsert")}.
 * A "no" should say which setting makes the writer idempotent.
 *
 * @param idempotent  true when replaying records leaves the target as if they were written once
 * @param explanation why, or what to change
 */
public record Idempotence(boolean idempotent, String explanation) {
    public Idempotence {
        Objects.requireNonNull(explanation, "explanation is null");
    }

    public static Idempotence yes(String why) {
        return new Idempotence(true, why);
    }

    public static Idempotence no(String howToFix) {
        return new Idempotence(false, howToFix);
    }
}
