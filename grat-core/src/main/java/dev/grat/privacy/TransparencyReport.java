package dev.grat.privacy;

import dev.grat.privacy.policy.DataCategory;

import java.time.Instant;
import java.util.List;

/**
 * The shop's record of processing (GDPR art. 30) and the text behind its privacy notice: every data category of the
 * data policy with its purposes, legal basis, retention and recipients, and how many subjects and records Grat holds
 * in it now.
 *
 * @param policyVersion     the version of the data policy in force
 * @param controllerName    who decides on the processing
 * @param controllerContact how to reach the controller
 */
public record TransparencyReport(Instant generatedAt, String policyVersion, String controllerName,
                                 String controllerContact, List<Entry> categories) {

    public TransparencyReport {
        categories = List.copyOf(categories);
    }

    /**
     * One category and what it holds now.
     *
     * @param holdings the live counts, or null when Grat does not keep this kind of data itself (kind {@code other})
     */
    public record Entry(DataCategory category, Holdings holdings) {
    }

    /**
     * Live counts of one category.
     *
     * @param subjects the people (visitor ids, or customers for identity links) the records are about; 0 for data
     *                 that identifies nobody
     * @param records  the records kept
     * @param counted  what was counted, in words
     */
    public record Holdings(long subjects, long records, String counted) {
    }
}
