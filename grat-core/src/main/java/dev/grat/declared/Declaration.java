package dev.grat.declared;

import java.time.Instant;
import java.util.Objects;

/**
 * A visitor's declared preferences as Grat keeps them: the whole declaration, when it was made (or last replaced),
 * and who made it.
 *
 * @param declaredAt when this declaration replaced the previous one; retention counts from here
 * @param source     who declared it: {@code visitor} (the visitor's own token), {@code support} (the shop's staff with
 *                   the secret key), or what an in-process caller passes
 */
public record Declaration(String visitorId, DeclaredPreferences preferences, Instant declaredAt, String source) {

    public Declaration {
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(preferences, "preferences");
        Objects.requireNonNull(declaredAt, "declaredAt");
        Objects.requireNonNull(source, "source");
    }
}
