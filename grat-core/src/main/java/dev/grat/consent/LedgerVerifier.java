package dev.grat.consent;

import dev.grat.consent.LedgerVerification.LedgerBreak;
import dev.grat.consent.LedgerVerification.Problem;
import dev.grat.store.ConsentStore;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Walks the consent ledger in sequence order and recomputes the chain. It stops counting problems at the first
 * break (everything after a break is suspect anyway) but keeps counting rows, and finally compares the last row
 * with the ledger head the store keeps, which reveals entries cut off the end.
 */
public final class LedgerVerifier implements Consumer<LedgerRow> {

    private long expected = 1;
    private String previousHash = ConsentChain.GENESIS;
    private long checked;
    private long tombstones;
    private LedgerBreak firstBreak;

    /** Verifies the whole ledger of the store. */
    public static LedgerVerification verify(ConsentStore store) {
        LedgerVerifier verifier = new LedgerVerifier();
        store.forEachInChain(verifier);
        return verifier.result(store.head());
    }

    @Override
    public void accept(LedgerRow row) {
        checked++;
        if (row.isTombstone()) {
            tombstones++;
        }
        if (firstBreak == null) {
            firstBreak = check(row);
        }
        expected = row.link().sequence() + 1;
        previousHash = row.link().hash();
    }

    private LedgerBreak check(LedgerRow row) {
        LedgerLink link = row.link();
        if (link.sequence() != expected) {
            return new LedgerBreak(expected, Problem.GAP, link.sequence() > expected
                    ? "entries " + expected + " to " + (link.sequence() - 1) + " are missing"
                    : "sequence " + link.sequence() + " comes after " + (expected - 1));
        }
        if (!previousHash.equals(link.previousHash())) {
            return new LedgerBreak(link.sequence(), Problem.BROKEN_LINK,
                    "its previous hash is not the hash of entry " + (link.sequence() - 1));
        }
        if (row.unreadable() != null) {
            return new LedgerBreak(link.sequence(), Problem.HASH_MISMATCH,
                    "its content cannot be read, so it was changed: " + row.unreadable());
        }
        if (!row.isTombstone() && !ConsentChain.hash(link.sequence(), link.previousHash(), row.salt(), row.entry())
                .equals(link.hash())) {
            return new LedgerBreak(link.sequence(), Problem.HASH_MISMATCH,
                    "its content does not hash to its stored hash: it was changed");
        }
        return null;
    }

    /** The verdict once every row was read; {@code head} is the last link the store recorded appending. */
    public LedgerVerification result(Optional<LedgerLink> head) {
        long last = expected - 1;
        long headSequence = head.map(LedgerLink::sequence).orElse(0L);
        if (firstBreak == null && headSequence > last) {
            firstBreak = new LedgerBreak(last + 1, Problem.GAP, "the ledger ends at entry " + last
                    + ", but entries up to " + headSequence + " were appended");
        } else if (firstBreak == null && headSequence < last) {
            firstBreak = new LedgerBreak(headSequence + 1, Problem.BROKEN_LINK, "entries after " + headSequence
                    + " were not appended through the ledger");
        } else if (firstBreak == null && head.isPresent() && !head.get().hash().equals(previousHash)) {
            firstBreak = new LedgerBreak(last, Problem.HASH_MISMATCH,
                    "the last entry's hash differs from the one recorded when it was appended");
        }
        return new LedgerVerification(checked, tombstones, previousHash, Optional.ofNullable(firstBreak));
    }
}
