package dev.grat.privacy;

import dev.grat.declared.DeclaredPreferences;
import dev.grat.profile.ProfileView;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a decision may use of one visitor now: their privacy level and, at the levels that allow one, their
 * profile (the session's at {@link PrivacyLevel#SESSION}, the stored one above).
 *
 * @param profile  the profile, or null at {@link PrivacyLevel#CONTEXT} or when Grat knows nothing of the visitor yet
 * @param declared what the visitor declared about themselves, at the stored-profile levels only; null otherwise or
 *                 when they declared nothing
 */
public record PersonalView(PrivacyLevel level, ProfileView profile, DeclaredPreferences declared) {

    /** A view without declared preferences. */
    public PersonalView(PrivacyLevel level, ProfileView profile) {
        this(level, profile, null);
    }

    /** A visitor seen through the request context only. */
    public static PersonalView contextOnly() {
        return new PersonalView(PrivacyLevel.CONTEXT, null);
    }

    public PersonalView {
        if (level == null) {
            throw new IllegalArgumentException("level is required");
        }
        if (!level.usesProfile() && profile != null) {
            throw new IllegalArgumentException("a visitor at level context has no profile to use");
        }
        if (level != PrivacyLevel.FIRST_PARTY && level != PrivacyLevel.CROSS_CHANNEL && declared != null) {
            throw new IllegalArgumentException("declared preferences are used only at the stored-profile levels");
        }
    }

    /** The profile when it holds anything to personalize with. */
    public Optional<ProfileView> usableProfile() {
        return Optional.ofNullable(profile).filter(view -> !view.isEmpty());
    }

    /** The declared preferences when they say anything to personalize with. */
    public Optional<DeclaredPreferences> usableDeclared() {
        return Optional.ofNullable(declared).filter(d -> !d.isEmpty());
    }

    /** The kinds of data a decision draws on when it uses this profile. */
    public Set<DataUse> profileUses() {
        return usesOf(level, profile);
    }

    /** The kinds of data a profile at {@code level} stands for; empty without a profile. */
    public static Set<DataUse> usesOf(PrivacyLevel level, ProfileView profile) {
        if (profile == null || profile.isEmpty()) {
            return Set.of();
        }
        if (level == PrivacyLevel.SESSION) {
            return Set.of(DataUse.SESSION_ACTIVITY);
        }
        EnumSet<DataUse> uses = EnumSet.of(DataUse.INTERACTION_HISTORY, DataUse.DERIVED_INTERESTS);
        if (profile.purchaseCount() > 0) {
            uses.add(DataUse.PURCHASE_HISTORY);
        }
        if (level == PrivacyLevel.CROSS_CHANNEL) {
            uses.add(DataUse.LINKED_IDENTITIES);
        }
        return uses;
    }
}
