package dev.grat.privacy.policy;

import dev.grat.consent.Purpose;
import dev.grat.event.EventType;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The data policy Grat ships with. It declares exactly what Grat keeps today, so that the default drops no field
 * Grat uses; a shop narrows it in its own policy file ({@code docs/examples/data-policy.json} is this policy).
 * Each category is kept about as long as its purpose needs it (the reasons are in docs/PRIVACY.md, "Retention"):
 * page views and impressions a month, searches and carts a quarter, views and clicks half a year, purchases two
 * years because recommendations must not repeat what was bought. Derived interests and model factors live no longer
 * than the events they are computed from.
 */
final class DefaultPolicy {

    static final String CONSENT = "Consent (GDPR art. 6(1)(a))";
    private static final List<String> SHOP = List.of("the shop's own teams (marketing, merchandising)");
    private static final List<String> SHOP_ONLY = List.of("the shop (controller); Grat runs on its own servers");
    private static final List<String> EVENT_FIELDS = List.of("itemId", "categoryId", "query", "items", "currency",
            "decisionId", EventField.ALL_PROPERTIES);
    private static final Set<Purpose> STORING = EnumSet.of(Purpose.ANALYTICS, Purpose.PERSONALIZATION);

    private DefaultPolicy() {
    }

    static DataPolicy create() {
        return new DataPolicy("grat-default-1", "The shop running Grat (set controller.name in your policy file)",
                "privacy@shop.example (set controller.contact in your policy file)", List.of(
                pageViews(), searchesAndCarts(), interactions(), purchases(), email(), identityLinks(), declaredPreferences(), profiles(), consentEvidence(), modelFactors(),
                decisionLog(), anonymousCounts(), auditLog()));
    }

    private static DataCategory pageViews() {
        return new DataCategory("page-views-and-impressions",
                "Page views and impressions of recommendations and offers, kept with the visitor's pseudonymous id;"
                        + " they feed short-term popularity and decision rewards, and are worth little after a month",
                DataKind.EVENTS, STORING, CONSENT, Duration.ofDays(30), SHOP,
                EnumSet.of(EventType.PAGE_VIEW, EventType.RECOMMENDATION_IMPRESSION, EventType.OFFER_IMPRESSION),
                EVENT_FIELDS);
    }

    private static DataCategory searchesAndCarts() {
        return new DataCategory("searches-and-carts",
                "Searches (free text) and cart changes: they say more about a person than a click and matter only"
                        + " while the intent of a visit lasts",
                DataKind.EVENTS, STORING, CONSENT, Duration.ofDays(90), SHOP,
                EnumSet.of(EventType.SEARCH, EventType.ADD_TO_CART, EventType.REMOVE_FROM_CART), EVENT_FIELDS);
    }

    private static DataCategory interactions() {
        return new DataCategory("interaction-events",
                "Product and category views and clicks of recommendations and offers, kept with the visitor's"
                        + " pseudonymous id; they feed affinities and the learned model",
                DataKind.EVENTS, STORING, CONSENT, Duration.ofDays(180), SHOP,
                EnumSet.of(EventType.PRODUCT_VIEW, EventType.CATEGORY_VIEW, EventType.RECOMMENDATION_CLICK,
                        EventType.OFFER_CLICK),
                EVENT_FIELDS);
    }

    private static DataCategory purchases() {
        return new DataCategory("purchases", "Orders: the products bought, quantities, prices and currency",
                DataKind.EVENTS, STORING, CONSENT, Duration.ofDays(730), SHOP, EnumSet.of(EventType.PURCHASE),
                List.of("itemId", "categoryId", "items", "currency", "decisionId", EventField.ALL_PROPERTIES));
    }

    private static DataCategory email() {
        return new DataCategory("email-engagement", "Opens and clicks of the shop's e-mails, with the campaign",
                DataKind.EVENTS, EnumSet.of(Purpose.MARKETING), CONSENT, Duration.ofDays(180), SHOP,
                EnumSet.of(EventType.EMAIL_OPEN, EventType.EMAIL_CLICK),
                List.of("itemId", "categoryId", "decisionId", EventField.ALL_PROPERTIES));
    }

    private static DataCategory identityLinks() {
        return new DataCategory("identity-links",
                "The shop's customer id on events, linking a known customer's browsers, app installs and"
                        + " newsletter address",
                DataKind.IDENTITY_LINKS, EnumSet.of(Purpose.PERSONALIZATION), CONSENT, Duration.ofDays(395),
                SHOP_ONLY, EnumSet.allOf(EventType.class), List.of("customerId"));
    }

    private static DataCategory declaredPreferences() {
        return new DataCategory("declared-preferences",
                "What the visitor told the shop about themselves to personalize: categories and brands they like,"
                        + " categories they are not interested in, their sizes; replaced whole when they correct it",
                DataKind.DECLARED_PREFERENCES, EnumSet.of(Purpose.PERSONALIZATION), CONSENT, Duration.ofDays(395),
                SHOP_ONLY, Set.of(), List.of());
    }

    private static DataCategory profiles() {
        return new DataCategory("derived-interests",
                "Profiles derived from the events: recent interactions, category and brand affinities, cart,"
                        + " purchases and searches; kept in memory and rebuilt from the events",
                DataKind.PROFILES, EnumSet.of(Purpose.PERSONALIZATION), CONSENT, Duration.ofDays(730), SHOP_ONLY,
                Set.of(), List.of());
    }

    private static DataCategory consentEvidence() {
        return new DataCategory("consent-evidence",
                "Every consent answer: the purposes granted or refused, when, from where, and the policy version",
                DataKind.CONSENT_LEDGER, EnumSet.of(Purpose.NECESSARY),
                "Legal obligation (GDPR art. 6(1)(c)): the controller must be able to demonstrate consent (art. 7(1))",
                Duration.ofDays(1095), SHOP_ONLY, Set.of(), List.of());
    }

    private static DataCategory modelFactors() {
        return new DataCategory("model-factors",
                "Factors of the learned recommendation model, trained on the events of visitors who grant"
                        + " personalization; visitor factors are computed per request and never stored",
                DataKind.MODEL_FACTORS, EnumSet.of(Purpose.PERSONALIZATION), CONSENT, Duration.ofDays(730),
                SHOP_ONLY, Set.of(), List.of());
    }

    private static DataCategory decisionLog() {
        return new DataCategory("decision-log",
                "Decisions made for a visitor (offers, content, greetings) with every candidate's probability and"
                        + " what followed, for learning and experiment results",
                DataKind.DECISION_LOG, STORING, CONSENT, Duration.ofDays(180), SHOP_ONLY, Set.of(), List.of());
    }

    private static DataCategory anonymousCounts() {
        return new DataCategory("anonymous-counts",
                "Hourly counts of views, cart changes and purchases per product or category, without any"
                        + " identifier: what Grat keeps of visitors who did not consent",
                DataKind.ANONYMOUS_COUNTS, EnumSet.of(Purpose.NECESSARY),
                "Not personal data (GDPR recital 26): the counts identify nobody",
                Duration.ofDays(400), SHOP, Set.of(), List.of());
    }

    private static DataCategory auditLog() {
        return new DataCategory("audit-log",
                "Every access to personal data through the admin and privacy endpoints: when, which credential,"
                        + " which action; the subject only as a keyed pseudonym",
                DataKind.AUDIT_LOG, EnumSet.of(Purpose.NECESSARY),
                "Legal obligation (GDPR art. 5(2) and 32): the controller must be able to show who accessed personal data",
                Duration.ofDays(365), SHOP_ONLY, Set.of(), List.of());
    }
}
