package dev.grat.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Something sent to Grat that it could not store: one rejected event, or a request body that could not be read as a
 * batch at all. Kept with the reason and the payload as sent (cut at {@link #MAX_PAYLOAD_BYTES}), so that an operator
 * can see what went wrong and replay it after a fix. It holds personal data: it is erased with the visitor it names
 * and expires after a retention period.
 *
 * @param id                    assigned by the store, increasing; 0 before {@link DeadLetterStore#add}
 * @param receivedAt            when it arrived, to the millisecond
 * @param kind                  one event of a readable batch, or a whole unreadable body
 * @param reason                why it was refused, naming the field when there is one
 * @param visitorId             the visitor id the payload names, when it could be read (erasure finds it by this)
 * @param globalPrivacyControl  whether the request carried {@code Sec-GPC: 1}, so that a replay honours it
 * @param truncated             whether the payload was cut (such a letter cannot be replayed)
 * @param payload               the payload as sent, at most {@link #MAX_PAYLOAD_BYTES} of UTF-8
 */
public record DeadLetter(long id, Instant receivedAt, Kind kind, String reason, String visitorId,
                         boolean globalPrivacyControl, boolean truncated, String payload) {

    /** The most of a payload kept: enough for any sensible event, little enough that garbage stays cheap. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;
    /** The most of a reason kept. */
    public static final int MAX_REASON_CHARS = 1000;

    /** What the payload is. */
    public enum Kind {
        /** One element of the {@code events} array of a readable batch. */
        EVENT,
        /** A whole request body that was not a readable batch (not JSON, or not {@code {"events": [...]}}). */
        BODY;

        /** The name on the wire and in the stores: {@code event} or {@code body}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The kind of a {@link #wireName()}. */
        public static Kind fromWire(String name) {
            return switch (name) {
                case "event" -> EVENT;
                case "body" -> BODY;
                default -> throw new IllegalArgumentException("unknown dead letter kind " + name);
            };
        }
    }

    public DeadLetter {
        if (id < 0) {
            throw new IllegalArgumentException("id must not be negative, was " + id);
        }
        receivedAt = Objects.requireNonNull(receivedAt, "receivedAt").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(payload, "payload");
        if (reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS);
        }
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a dead letter's payload must be at most " + MAX_PAYLOAD_BYTES
                    + " bytes; use DeadLetter.received to cut it");
        }
    }

    /**
     * A new letter (id 0 until stored) with the payload cut to {@link #MAX_PAYLOAD_BYTES} bytes of UTF-8, on a
     * character boundary.
     */
    public static DeadLetter received(Instant at, Kind kind, String reason, String visitorId, boolean gpc,
                                      byte[] payload) {
        boolean cut = payload.length > MAX_PAYLOAD_BYTES;
        String text = new String(payload, 0, Math.min(payload.length, MAX_PAYLOAD_BYTES), StandardCharsets.UTF_8);
        // Decoding a cut multi-byte character yields a replacement character of three bytes: trim until it fits.
        while (text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            text = text.substring(0, text.length() - 1);
        }
        return new DeadLetter(0, at, kind, reason, visitorId, gpc, cut, text);
    }

    /** The same letter with the id the store gave it. */
    public DeadLetter withId(long storedId) {
        return new DeadLetter(storedId, receivedAt, kind, reason, visitorId, globalPrivacyControl, truncated, payload);
    }

    /** The same letter marked as cut (such a letter is never replayed). */
    public DeadLetter asTruncated() {
        return new DeadLetter(id, receivedAt, kind, reason, visitorId, globalPrivacyControl, true, payload);
    }

    /** The same letter with a new reason (a replay that failed again). */
    public DeadLetter withReason(String newReason) {
        return new DeadLetter(id, receivedAt, kind, newReason, visitorId, globalPrivacyControl, truncated, payload);
    }
}
