package dev.grat.profile;

/** A change to the co-occurrence counts caused by one profile update. */
public record PairChange(Kind kind, RecentSet.Change change) {

    /** Which counts: products viewed together, or bought together. */
    public enum Kind { VIEWED, BOUGHT }
}
