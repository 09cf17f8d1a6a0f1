package dev.grat.decide;

import dev.grat.InvalidInputException;
import dev.grat.NotFoundException;
import dev.grat.catalog.Identifiers;
import dev.grat.event.FieldError;
import dev.grat.privacy.DataUse;
import dev.grat.privacy.PersonalView;
import dev.grat.privacy.PrivacyLevels;
import dev.grat.profile.ProfileView;
import dev.grat.store.ContentStore;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Greeting and description variants: a shop registers texts per slot with declarative conditions on profile
 * facts; Grat returns the first variant whose conditions all hold. Conditions are data compared with fixed
 * operators, never evaluated as code.
 */
public final class ContentService {

    private static final int MAX_VARIANTS = 50;
    private static final int MAX_TEXT = 2000;

    private final ContentStore store;
    private final PrivacyLevels levels;
    private final Clock clock;
    private final Map<String, List<ContentVariant>> slots = new ConcurrentHashMap<>();

    public ContentService(ContentStore store, PrivacyLevels levels, Clock clock) {
        this.store = store;
        this.levels = levels;
        this.clock = clock;
        slots.putAll(store.all());
    }

    /** Validates and stores the variants of a slot, replacing what it had. */
    public void put(String slot, List<ContentVariant> variants) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(slot, "slot", errors);
        validate(variants, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        store.putSlot(slot, variants);
        slots.put(slot, List.copyOf(variants));
    }

    public Map<String, List<ContentVariant>> slots() {
        return Map.copyOf(slots);
    }

    /** The variants of a registered slot, in order; empty when the slot is not registered. */
    public List<ContentVariant> variants(String slot) {
        return slots.getOrDefault(slot, List.of());
    }

    /**
     * The ids of the slot's variants whose conditions all hold for the visitor (the default variants always);
     * only the default ones at privacy level context. A learning policy uses it as a feature.
     */
    public Set<String> fitting(String visitorId, String slot) {
        ProfileView profile = levels.view(visitorId, clock.instant()).profile();
        ProfileFacts facts = profile == null ? null
                : new ProfileFacts(profile, clock.instant().atZone(ZoneOffset.UTC).toLocalDate());
        Set<String> fitting = new HashSet<>();
        for (ContentVariant variant : variants(slot)) {
            if (variant.conditions().isEmpty() || facts != null && variant.conditions().stream().allMatch(facts::holds)) {
                fitting.add(variant.id());
            }
        }
        return fitting;
    }

    /**
     * The first variant of the slot that fits the visitor's profile (this visit's at privacy level session, the
     * stored one above); the default one at level context.
     */
    public ContentDecision decide(String visitorId, String slot) {
        List<ContentVariant> variants = slots.get(slot);
        if (variants == null) {
            throw new NotFoundException("content slot '" + slot + "' is not registered; registered slots: "
                    + String.join(", ", slots.keySet().stream().sorted().toList()));
        }
        PersonalView visitor = levels.view(visitorId, clock.instant());
        ProfileView profile = visitor.profile();
        List<DataUse> personal = List.copyOf(visitor.profileUses());
        if (profile != null) {
            ProfileFacts facts = new ProfileFacts(profile, clock.instant().atZone(ZoneOffset.UTC).toLocalDate());
            for (ContentVariant variant : variants) {
                if (!variant.conditions().isEmpty() && variant.conditions().stream().allMatch(facts::holds)) {
                    String why = variant.conditions().stream().map(Condition::describe).collect(Collectors.joining(" and "));
                    return new ContentDecision(slot, variant.id(), variant.text(), "Shown because " + why, true,
                            visitor.level(), personal);
                }
            }
        }
        ContentVariant fallback = variants.stream().filter(v -> v.conditions().isEmpty()).findFirst().orElseThrow();
        String reason = profile == null ? "Default text: no personal data used" : "Default text: no other variant fits";
        // A default variant drew on nothing, but checking the others against the profile read it.
        return new ContentDecision(slot, fallback.id(), fallback.text(), reason, false, visitor.level(),
                personal.isEmpty() ? List.of(DataUse.REQUEST_CONTEXT) : personal);
    }

    private static void validate(List<ContentVariant> variants, List<FieldError> errors) {
        if (variants == null || variants.isEmpty()) {
            errors.add(new FieldError("variants", "must hold at least one variant"));
            return;
        }
        if (variants.size() > MAX_VARIANTS) {
            errors.add(new FieldError("variants", "must hold at most " + MAX_VARIANTS + " variants"));
        }
        Set<String> ids = new HashSet<>();
        boolean hasDefault = false;
        for (int i = 0; i < variants.size(); i++) {
            ContentVariant variant = variants.get(i);
            String prefix = "variants[" + i + "]";
            Identifiers.check(variant.id(), prefix + ".id", errors);
            if (variant.id() != null && !ids.add(variant.id())) {
                errors.add(new FieldError(prefix + ".id", "'" + variant.id() + "' is used twice"));
            }
            if (variant.text() == null || variant.text().isBlank() || variant.text().length() > MAX_TEXT) {
                errors.add(new FieldError(prefix + ".text", "must be 1 to " + MAX_TEXT + " characters"));
            }
            hasDefault |= variant.conditions().isEmpty();
            for (int j = 0; j < variant.conditions().size(); j++) {
                validate(variant.conditions().get(j), prefix + ".conditions[" + j + "]", errors);
            }
        }
        if (!hasDefault) {
            errors.add(new FieldError("variants", "need one variant without conditions, shown when no other fits"));
        }
    }

    private static void validate(Condition condition, String prefix, List<FieldError> errors) {
        if (condition.field() == null) {
            errors.add(new FieldError(prefix + ".field", "is required; one of: " + ProfileField.wireNames()));
            return;
        }
        if (condition.comparison() == null) {
            errors.add(new FieldError(prefix + ".op", "is required; one of: " + Comparison.wireNames()));
            return;
        }
        if (!condition.comparison().appliesTo(condition.field().kind())) {
            errors.add(new FieldError(prefix + ".op", condition.comparison().wireName() + " needs a number field, and "
                    + condition.field().wireName() + " is not one; use eq or ne"));
        }
        String value = condition.value();
        if (value == null) {
            errors.add(new FieldError(prefix + ".value", "is required"));
            return;
        }
        switch (condition.field().kind()) {
            case NUMBER -> {
                try {
                    new BigDecimal(value);
                } catch (NumberFormatException e) {
                    errors.add(new FieldError(prefix + ".value", "must be a number for " + condition.field().wireName()
                            + ", was \"" + value + "\""));
                }
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    errors.add(new FieldError(prefix + ".value", "must be true or false for " + condition.field().wireName()));
                }
            }
            case TEXT -> { }
        }
    }
}
