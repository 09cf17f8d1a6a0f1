package dev.grat.consent;

/**
 * An entry's place in the consent ledger's hash chain.
 *
 * @param sequence     the position in the ledger, 1 for the first entry, without gaps
 * @param previousHash the hash of the entry before ({@link ConsentChain#GENESIS} for the first)
 * @param hash         this entry's own hash, lowercase hex SHA-256 ({@link ConsentChain#hash})
 */
public record LedgerLink(long sequence, String previousHash, String hash) {
}
