package dev.grat.event;

import java.util.List;

/**
 * The outcome of tracking a batch. Every event of the batch is counted exactly once in
 * {@code accepted} or {@code rejected}.
 *
 * @param accepted      events accepted and durable (including duplicates of events already stored)
 * @param duplicates    accepted events whose id was already stored, so they changed nothing
 * @param personal      accepted new events stored with the visitor's identifier (the visitor consented)
 * @param anonymous     accepted new events kept only as anonymous counts (no consent to store identifiers)
 * @param rejected      events that failed validation, each with the field and the reason
 * @param droppedFields fields with a value that the new personal events lost before storage because the data
 *                      policy declares them for no purpose the visitor granted (each property counts as one)
 */
public record IngestResult(int accepted, int duplicates, int personal, int anonymous, List<Rejection> rejected,
                           int droppedFields) {

    public IngestResult {
        rejected = List.copyOf(rejected);
    }

    /** A result in which the policy dropped no field. */
    public IngestResult(int accepted, int duplicates, int personal, int anonymous, List<Rejection> rejected) {
        this(accepted, duplicates, personal, anonymous, rejected, 0);
    }
}
