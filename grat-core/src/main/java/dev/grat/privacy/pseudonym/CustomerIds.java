package dev.grat.privacy.pseudonym;

import dev.grat.InvalidInputException;
import dev.grat.catalog.Identifiers;
import dev.grat.event.Event;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Customer ids are pseudonymised before anything keeps them: events, identity links, the identity graph and every
 * export carry {@code p.<keyId>.<base64url HMAC-SHA-256>} instead. A customer id may be the shop's own id or an
 * e-mail address; an address is normalised first (trimmed, lower case), so that {@code Alice@Example.com} and
 * {@code alice@example.com } are one customer, and is never kept, neither plain nor as an unkeyed hash.
 *
 * <p>Rotation: new customers get a pseudonym under the current key; a customer already known under an older key
 * keeps that pseudonym (so their devices stay linked), and a lookup tries every key of the ring.
 */
public final class CustomerIds {

    private static final String DOMAIN = "grat.customer.v1";
    private static final int MAX_EMAIL_LENGTH = 254;

    private final PseudonymKeys keys;

    public CustomerIds(PseudonymKeys keys) {
        this.keys = keys;
    }

    /**
     * The events with every usable customer id replaced by its pseudonym. {@code known} tells whether a pseudonym is
     * in use already (under an older key). A customer id that is neither a valid id nor an e-mail address stays as
     * sent, so that validation rejects the event naming the field; the list is returned as is when nothing changes.
     */
    public List<Event> pseudonymise(List<Event> events, Predicate<String> known) {
        if (events == null || events.stream().noneMatch(e -> e != null && e.customerId() != null)) {
            return events;
        }
        List<Event> out = new ArrayList<>(events.size());
        for (Event event : events) {
            out.add(event == null || event.customerId() == null ? event : withCustomer(event, known));
        }
        return out;
    }

    /** The pseudonym to write for a customer id: the one in use under any key, else a new one under the current key. */
    public Optional<String> forWriting(String customerId, Predicate<String> known) {
        // A pseudonym sent as a customer id is pseudonymised again, not taken as is: otherwise whoever read one (in
        // an export) could link their own device to that customer.
        Optional<String> normal = normalise(customerId);
        if (normal.isEmpty()) {
            return normal;
        }
        for (PseudonymKey key : keys.all().subList(1, keys.all().size())) {
            String older = key.pseudonymOf(DOMAIN, normal.get());
            if (known.test(older)) {
                return Optional.of(older);
            }
        }
        return Optional.of(keys.current().pseudonymOf(DOMAIN, normal.get()));
    }

    /**
     * Every stored form a customer id may have: its pseudonym under each key of the ring; the id itself when it is
     * a pseudonym of this ring (as an export shows it); and the plain id when it is a valid id, for records written
     * before pseudonymisation.
     *
     * @throws InvalidInputException naming {@code field} when the value is neither a valid id nor an e-mail address
     */
    public List<String> forLookup(String customerId, String field) {
        String normal = normalise(customerId).orElseThrow(() -> new InvalidInputException(field,
                "must be a customer id (1 to " + Identifiers.MAX_LENGTH + " letters, digits and . _ - :) or an e-mail"
                        + " address"));
        LinkedHashSet<String> forms = new LinkedHashSet<>();
        if (isPseudonym(normal)) {
            forms.add(normal);
            return List.copyOf(forms);
        }
        for (PseudonymKey key : keys.all()) {
            forms.add(key.pseudonymOf(DOMAIN, normal));
        }
        if (Identifiers.isValid(normal)) {
            forms.add(normal);
        }
        return List.copyOf(forms);
    }

    /** The keyring, the current key first. */
    public PseudonymKeys keys() {
        return keys;
    }

    /** Whether the value is a pseudonym made with a key of this ring. */
    public boolean isPseudonym(String value) {
        if (value == null || !value.startsWith("p.")) {
            return false;
        }
        int dot = value.indexOf('.', 2);
        return dot > 2 && value.length() - dot - 1 == 43 && keys.byId(value.substring(2, dot)).isPresent();
    }

    /**
     * The form a customer id is pseudonymised in: an e-mail address trimmed and in lower case, any other id as
     * sent; empty when it is neither a valid id nor a plausible address.
     */
    static Optional<String> normalise(String customerId) {
        if (customerId == null) {
            return Optional.empty();
        }
        if (customerId.indexOf('@') < 0) {
            return Identifiers.isValid(customerId) ? Optional.of(customerId) : Optional.empty();
        }
        String address = customerId.trim().toLowerCase(Locale.ROOT);
        int at = address.indexOf('@');
        boolean plausible = address.length() <= MAX_EMAIL_LENGTH && at > 0 && at == address.lastIndexOf('@')
                && at < address.length() - 1 && address.chars().noneMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c));
        return plausible ? Optional.of(address) : Optional.empty();
    }

    private Event withCustomer(Event event, Predicate<String> known) {
        return forWriting(event.customerId(), known).map(pseudonym -> new Event(event.id(), event.type(),
                event.visitorId(), pseudonym, event.channel(), event.timestamp(), event.itemId(), event.categoryId(),
                event.query(), event.items(), event.currency(), event.decisionId(), event.properties())).orElse(event);
    }
}
