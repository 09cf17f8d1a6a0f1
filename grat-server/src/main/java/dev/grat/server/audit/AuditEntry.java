package dev.grat.server.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One access to personal data, as the audit log keeps it: when, with which credential, what and with which outcome,
 * and about whom only as a keyed pseudonym ({@link SubjectPseudonyms}). It never holds a key, a visitor id, a
 * customer id, a path or an address.
 *
 * @param at             when the request was answered
 * @param credential     the kind of API key the request carried
 * @param keyFingerprint the first 12 hex digits of the SHA-256 of the key: tells keys apart, cannot be reversed
 * @param visitorToken   true when the visitor's own token authorised the access ({@code /v1/me/...})
 * @param action         what was done, e.g. {@code privacy.export}
 * @param status         the HTTP status of the answer
 * @param subjectKind    {@code visitor} or {@code customer}, or null when the access concerned no one subject
 * @param subject        the pseudonym of the subject, or null (no subject, or none could be read from the request)
 */
public record AuditEntry(Instant at, Credential credential, String keyFingerprint, boolean visitorToken, String action,
                         int status, String subjectKind, String subject) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(action, "action");
    }

    /** Which API key authorised the request. */
    public enum Credential {
        SECRET_KEY("secret-key"),
        PUBLISHABLE_KEY("publishable-key");

        private final String wireName;

        Credential(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The credential with this wire name. */
        public static Credential fromWire(String name) {
            for (Credential credential : values()) {
                if (credential.wireName.equals(name)) {
                    return credential;
                }
            }
            throw new IllegalArgumentException("unknown credential " + name);
        }
    }
}
