package dev.grat.eval.privacy;

import java.util.Locale;

/**
 * The steps on the ridge between privacy and personalization that {@code grat privacy-tradeoff} measures: the
 * engine's privacy levels (context, session, first_party) and, for reference, a model trained with the visitor.
 * Cross-channel identity is not among them: single-source datasets hold one id per person and no linked devices.
 */
enum TradeoffLevel {

    /** Nothing of the visitor: the popularity of every training interaction, the visitor's own items not removed. */
    CONTEXT("popularity of all training interactions; nothing of the visitor (their own items are not removed)"),
    /** A session-only visitor: fold-in from the last N interactions of one session, never stored. */
    SESSION("fold-in from the last %d interactions of the visitor's last session; model trained without them"),
    /** A first-party profile: fold-in from the visitor's whole history; the model never saw them. */
    FIRST_PARTY("fold-in from the visitor's whole own history; model trained without them"),
    /** The visitor's history also trained the item factors. */
    FULL("fold-in from the whole own history; model trained with them");

    private final String dataUsed;

    TradeoffLevel(String dataUsed) {
        this.dataUsed = dataUsed;
    }

    /** The name in tables and JSON: context, session, first_party, full. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the level uses, for reports. */
    String dataUsed(int sessionLength) {
        return dataUsed.formatted(sessionLength);
    }
}
