package dev.grat.privacy;

import java.util.Locale;

/**
 * How far Grat may go with one visitor's data, computed per request from their consent and identity links. Each
 * step uses more data than the one before and only with the visitor's agreement; every decision says which level
 * it was taken at.
 */
public enum PrivacyLevel {
    /** No personalization: only the request's own context and anonymous popularity counts. */
    CONTEXT,
    /** "Personalize this visit only": what the visitor did in this session, kept in memory and never written. */
    SESSION,
    /** A stored profile of this browser or app install (personalization consent). */
    FIRST_PARTY,
    /** A stored profile merged over the devices, app installs and e-mail address linked to one customer. */
    CROSS_CHANNEL;

    /** The name on the wire and in documents: {@code context}, {@code session}, {@code first_party}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a profile of the visitor (in memory or stored) may be used at this level. */
    public boolean usesProfile() {
        return this != CONTEXT;
    }
}
