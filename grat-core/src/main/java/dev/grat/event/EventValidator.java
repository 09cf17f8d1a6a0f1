package dev.grat.event;

import dev.grat.catalog.Identifiers;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules every event must meet before Grat keeps anything of it. Field names are those of the wire format. */
public final class EventValidator {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_QUERY = 256;
    private static final int MAX_LINE_ITEMS = 100;
    private static final int MAX_QUANTITY = 10_000;
    private static final int MAX_PROPERTIES = 20;
    private static final int MAX_PROPERTY_VALUE = 256;

    private final Duration maxClockSkew;

    public EventValidator(Duration maxClockSkew) {
        this.maxClockSkew = maxClockSkew;
    }

    /** Every problem of the event; empty when it is valid. */
    public List<FieldError> validate(Event event, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(event.id(), "id", errors);
        Identifiers.check(event.visitorId(), "visitorId", errors);
        Identifiers.checkOptional(event.customerId(), "customerId", errors);
        Identifiers.checkOptional(event.itemId(), "itemId", errors);
        Identifiers.checkOptional(event.decisionId(), "decisionId", errors);
        if (event.type() == null) {
            errors.add(new FieldError("type", "is required; one of: " + EventType.wireNames()));
        }
        if (event.channel() == null) {
            errors.add(new FieldError("channel", "is required; one of: " + Channel.wireNames()));
        }
        checkTimestamp(event.timestamp(), now, errors);
        checkCategory(event.categoryId(), errors);
        checkLineItems(event.items(), event.type() == EventType.PURCHASE, errors);
        checkCurrency(event.currency(), errors);
        checkProperties(event.properties(), errors);
        if (event.query() != null && (event.query().isBlank() || event.query().length() > MAX_QUERY)) {
            errors.add(new FieldError("query", "must be 1 to " + MAX_QUERY + " characters"));
        }
        if (event.type() != null) {
            checkTypeRules(event, errors);
        }
        return errors;
    }

    private void checkTimestamp(Instant timestamp, Instant now, List<FieldError> errors) {
        if (timestamp == null) {
            errors.add(new FieldError("timestamp", "is required (ISO-8601, e.g. 2026-03-01T12:00:00Z)"));
        } else if (timestamp.isAfter(now.plus(maxClockSkew))) {
            errors.add(new FieldError("timestamp", "lies in the future (" + timestamp + "; now is " + now + ")"));
        }
    }

    private static void checkTypeRules(Event event, List<FieldError> errors) {
        switch (event.type()) {
            case PRODUCT_VIEW, RECOMMENDATION_CLICK -> require(event.itemId(), "itemId", event.type(), errors);
            case CATEGORY_VIEW -> require(event.categoryId(), "categoryId", event.type(), errors);
            case SEARCH -> require(event.query(), "query", event.type(), errors);
            case ADD_TO_CART, REMOVE_FROM_CART -> {
                if (event.itemId() == null && event.items().isEmpty()) {
                    errors.add(new FieldError("itemId", "or items is required for " + event.type().wireName()));
                }
            }
            case PURCHASE -> {
                if (event.items().isEmpty()) {
                    errors.add(new FieldError("items", "must hold at least one line item for purchase"));
                }
                require(event.currency(), "currency", event.type(), errors);
            }
            case EMAIL_OPEN, EMAIL_CLICK -> {
                if (event.channel() != null && event.channel() != Channel.EMAIL) {
                    errors.add(new FieldError("channel", "must be email for " + event.type().wireName()));
                }
            }
            case OFFER_IMPRESSION, OFFER_CLICK -> {
                if (event.decisionId() == null && event.itemId() == null) {
                    errors.add(new FieldError("decisionId", "or itemId (the offer) is required for "
                            + event.type().wireName()));
                }
            }
            case RECOMMENDATION_IMPRESSION -> {
                if (event.itemId() == null && event.items().isEmpty()) {
                    errors.add(new FieldError("itemId", "or items (the products shown) is required for "
                            + event.type().wireName()));
                }
            }
            case PAGE_VIEW -> { }
        }
    }

    private static void require(String value, String field, EventType type, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required for " + type.wireName()));
        }
    }

    private static void checkCategory(String categoryId, List<FieldError> errors) {
        if (categoryId != null && (categoryId.isBlank() || categoryId.length() > 256)) {
            errors.add(new FieldError("categoryId", "must be 1 to 256 characters"));
        }
    }

    private static void checkLineItems(List<LineItem> items, boolean priceRequired, List<FieldError> errors) {
        if (items.size() > MAX_LINE_ITEMS) {
            errors.add(new FieldError("items", "must hold at most " + MAX_LINE_ITEMS + " line items"));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            LineItem line = items.get(i);
            String prefix = "items[" + i + "]";
            Identifiers.check(line.itemId(), prefix + ".itemId", errors);
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                errors.add(new FieldError(prefix + ".quantity", "must be 1 to " + MAX_QUANTITY + ", was " + line.quantity()));
            }
            if (line.price() == null) {
                if (priceRequired) {
                    errors.add(new FieldError(prefix + ".price", "is required for purchase"));
                }
            } else if (line.price().compareTo(BigDecimal.ZERO) < 0) {
                errors.add(new FieldError(prefix + ".price", "must not be negative, was " + line.price()));
            }
        }
    }

    private static void checkCurrency(String currency, List<FieldError> errors) {
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            errors.add(new FieldError("currency", "must be an ISO 4217 code such as EUR, was \"" + currency + "\""));
        }
    }

    private static void checkProperties(Map<String, String> properties, List<FieldError> errors) {
        if (properties.size() > MAX_PROPERTIES) {
            errors.add(new FieldError("properties", "must hold at most " + MAX_PROPERTIES + " entries"));
            return;
        }
        properties.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 64) {
                errors.add(new FieldError("properties", "keys must be 1 to 64 characters"));
            } else if (value != null && value.length() > MAX_PROPERTY_VALUE) {
                errors.add(new FieldError("properties." + key, "must be at most " + MAX_PROPERTY_VALUE + " characters"));
            }
        });
    }
}
