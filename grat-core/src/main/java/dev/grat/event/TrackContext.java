package dev.grat.event;

/**
 * What is known about the request that carried a batch of events.
 *
 * @param globalPrivacyControl true when the request said {@code Sec-GPC: 1}: marketing counts as refused
 */
public record TrackContext(boolean globalPrivacyControl) {

    /** A request without privacy signals. */
    public static TrackContext none() {
        return new TrackContext(false);
    }
}
