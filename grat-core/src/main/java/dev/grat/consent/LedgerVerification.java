package dev.grat.consent;

import java.util.Optional;

/**
 * The result of checking the consent ledger's hash chain from its first entry to its head.
 *
 * @param entriesChecked rows read, tombstones included
 * @param tombstones     rows of erased visitors (their link is checked, their content cannot be)
 * @param headHash       the hash of the last entry (the genesis hash for an empty ledger); writing it down
 *                       outside Grat from time to time also proves that nothing was cut off the end since
 * @param firstBreak     where the chain is first broken, empty when it is intact
 */
public record LedgerVerification(long entriesChecked, long tombstones, String headHash,
                                 Optional<LedgerBreak> firstBreak) {

    /** Whether every entry checked out. */
    public boolean valid() {
        return firstBreak.isEmpty();
    }

    /** Where and why the chain is broken. */
    public record LedgerBreak(long sequence, Problem problem, String detail) {
    }

    /** How a chain breaks. */
    public enum Problem {
        /** The entry's content no longer hashes to its stored hash: it was changed (or moved). */
        HASH_MISMATCH("hash mismatch"),
        /** The entry's previous hash is not the hash of the entry before it: something was changed in between. */
        BROKEN_LINK("broken link"),
        /** A sequence number is missing: an entry was deleted. */
        GAP("gap");

        private final String wireName;

        Problem(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
