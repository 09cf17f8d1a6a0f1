package dev.grat.declared;

import dev.grat.InvalidInputException;
import dev.grat.catalog.Identifiers;
import dev.grat.consent.ConsentBook;
import dev.grat.consent.ConsentState;
import dev.grat.consent.Purpose;
import dev.grat.event.FieldError;
import dev.grat.privacy.policy.DataKind;
import dev.grat.privacy.policy.DataPolicy;
import dev.grat.store.DeclaredStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The visitors' declared preferences: kept in the {@link DeclaredStore} and, for the request path, in memory (a
 * declaration is small and bounded, and recommendations must not read the store per request).
 *
 * <p>A declaration is kept only while the visitor has granted {@link Purpose#PERSONALIZATION} and only when the data
 * policy declares a category of kind {@code declared-preferences} for that purpose: the policy lists everything Grat
 * may keep. Whether it is <em>used</em> is the privacy level's question ({@code PrivacyLevels}): an objection or a
 * restriction keeps it stored but unused, which is also why a restricted visitor can still correct it. Withdrawing
 * personalization removes it, since nothing else justifies keeping it.
 *
 * <p>Changes of one visitor are serialised through the memory map's per-key lock, so that a declaration racing a
 * withdrawal of consent is either refused or removed by it, never left behind.
 */
public final class DeclaredBook {

    private static final int MAX_SOURCE_LENGTH = 64;

    private final DeclaredStore store;
    private final ConsentBook consents;
    private final boolean declaredByPolicy;
    private final Clock clock;
    private final Map<String, Declaration> byVisitor = new ConcurrentHashMap<>();

    public DeclaredBook(DeclaredStore store, ConsentBook consents, DataPolicy policy, Clock clock) {
        this.store = store;
        this.consents = consents;
        this.declaredByPolicy = policy.categories().stream().anyMatch(c -> c.kind() == DataKind.DECLARED_PREFERENCES
                && c.purposes().contains(Purpose.PERSONALIZATION));
        this.clock = clock;
        store.forEach(declaration -> byVisitor.put(declaration.visitorId(), declaration));
    }

    /**
     * Replaces the visitor's declaration whole (GDPR art. 16: the old one is not kept) and returns the new one.
     *
     * @throws InvalidInputException naming {@code visitorId} when the visitor has not granted personalization,
     *                               {@code source} when it is blank or long, or {@code preferences} when the data
     *                               policy declares no such category
     */
    public Declaration declare(String visitorId, DeclaredPreferences preferences, String source) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(visitorId, "visitorId", errors);
        if (source == null || source.isBlank() || source.length() > MAX_SOURCE_LENGTH) {
            errors.add(new FieldError("source", "must be 1 to " + MAX_SOURCE_LENGTH + " characters"));
        }
        if (preferences == null) {
            errors.add(new FieldError("preferences", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (!declaredByPolicy) {
            throw new InvalidInputException("preferences", "the data policy declares no category of kind "
                    + DataKind.DECLARED_PREFERENCES.wireName() + " for personalization, so Grat keeps no declared data");
        }
        return byVisitor.compute(visitorId, (id, previous) -> {
            if (!consents.stateOf(id).granted().contains(Purpose.PERSONALIZATION)) {
                throw new InvalidInputException("visitorId", "has not granted personalization: declared preferences"
                        + " are kept only with the visitor's consent to personalization");
            }
            Declaration declaration = new Declaration(id, preferences, clock.instant(), source);
            store.put(declaration);
            return declaration;
        });
    }

    /** The visitor's declaration, whether or not their privacy level lets it be used now. */
    public Optional<Declaration> of(String visitorId) {
        return visitorId == null ? Optional.empty() : Optional.ofNullable(byVisitor.get(visitorId));
    }

    /** How many visitors have a declaration. */
    public int size() {
        return byVisitor.size();
    }

    /** Removes the declaration when the visitor withdraws personalization, the one purpose it serves. */
    public void onConsentChanged(ConsentState before, ConsentState after) {
        if (before.granted().contains(Purpose.PERSONALIZATION) && !after.granted().contains(Purpose.PERSONALIZATION)) {
            byVisitor.compute(after.visitorId(), (id, previous) -> {
                store.erase(id);
                return null;
            });
        }
    }

    /** Cluster mode: another node changed the visitor's declaration in the shared store; memory takes what it holds. */
    public void reload(String visitorId) {
        byVisitor.compute(visitorId, (id, previous) -> store.get(id).orElse(null));
    }

    /** Forgets the visitor in memory after the store erased them (erasure, or another node's erasure). */
    public boolean forget(String visitorId) {
        return byVisitor.remove(visitorId) != null;
    }

    /** Retention: removes the declarations made before {@code cutoff} from the store and memory; returns how many. */
    public int eraseBefore(Instant cutoff) {
        List<String> removed = store.eraseBefore(cutoff);
        for (String visitorId : removed) {
            // A declaration made after the cutoff meanwhile stays.
            byVisitor.computeIfPresent(visitorId, (id, d) -> d.declaredAt().isBefore(cutoff) ? null : d);
        }
        return removed.size();
    }
}
