package dev.grat.consent;

/**
 * One stored row of the consent ledger as verification reads it. An erased visitor's rows are tombstones:
 * they keep only the chain ({@code sequence}, {@code previousHash}, {@code hash}) so that everybody else's
 * entries still verify, and have neither salt nor entry, so the hash can no longer be tied to the visitor.
 *
 * @param salt       the entry's random salt (hex); null for a tombstone
 * @param entry      the entry; null for a tombstone or an unreadable row
 * @param unreadable why the store could not read the row's content (changed bytes, a corrupt column), or null
 */
public record LedgerRow(LedgerLink link, String salt, ConsentEntry entry, String unreadable) {

    /** A row with its content. */
    public static LedgerRow of(LedgerLink link, String salt, ConsentEntry entry) {
        return new LedgerRow(link, salt, entry, null);
    }

    /** A row of an erased visitor. */
    public static LedgerRow tombstone(LedgerLink link) {
        return new LedgerRow(link, null, null, null);
    }

    /** A row whose content the store could not read: verification reports it as changed. */
    public static LedgerRow unreadable(LedgerLink link, String reason) {
        return new LedgerRow(link, null, null, reason);
    }

    public boolean isTombstone() {
        return entry == null && unreadable == null;
    }
}
