package dev.grat.server.demo;

import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;

import java.util.Map;

/** What a simulated visitor answers to the consent banner, with how often that answer is given. */
enum ConsentChoice {
    /** Analytics, personalization and marketing. */
    EVERYTHING(0.30),
    /** Analytics and personalization, no marketing. */
    NO_MARKETING(0.32),
    /** Analytics and personalization, and the browser sends Global Privacy Control (so no marketing). */
    GLOBAL_PRIVACY_CONTROL(0.08),
    ANALYTICS_ONLY(0.12),
    REFUSED(0.12),
    /** Closed the banner without answering: privacy by default. */
    NO_ANSWER(0.06);

    static final String SOURCE = "demo-banner";
    static final String POLICY_VERSION = "2026-01";

    private final double share;

    ConsentChoice(double share) {
        this.share = share;
    }

    /** Draws an answer with the shares above from a uniform number in [0, 1). */
    static ConsentChoice draw(double uniform) {
        double cumulative = 0;
        for (ConsentChoice choice : values()) {
            cumulative += choice.share;
            if (uniform < cumulative) {
                return choice;
            }
        }
        return NO_ANSWER;
    }

    /** The change sent to the engine, or null for a visitor who never answers. */
    ConsentChange change() {
        return switch (this) {
            case EVERYTHING -> change(true, true, true, false);
            case NO_MARKETING -> change(true, true, false, false);
            case GLOBAL_PRIVACY_CONTROL -> change(true, true, true, true);
            case ANALYTICS_ONLY -> change(true, false, false, false);
            case REFUSED -> change(false, false, false, false);
            case NO_ANSWER -> null;
        };
    }

    /** Whether the engine may keep this visitor's events with the visitor id. */
    boolean storesEvents() {
        return this == EVERYTHING || this == NO_MARKETING || this == GLOBAL_PRIVACY_CONTROL || this == ANALYTICS_ONLY;
    }

    boolean personalizes() {
        return this == EVERYTHING || this == NO_MARKETING || this == GLOBAL_PRIVACY_CONTROL;
    }

    /** Whether the visitor gets newsletters, whose opens and clicks are tracked. */
    boolean marketing() {
        return this == EVERYTHING;
    }

    boolean globalPrivacyControl() {
        return this == GLOBAL_PRIVACY_CONTROL;
    }

    private static ConsentChange change(boolean analytics, boolean personalization, boolean marketing, boolean gpc) {
        return new ConsentChange(Map.of(Purpose.ANALYTICS, analytics, Purpose.PERSONALIZATION, personalization,
                Purpose.MARKETING, marketing), SOURCE, POLICY_VERSION, gpc);
    }
}
