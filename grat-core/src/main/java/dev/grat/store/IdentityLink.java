package dev.grat.store;

import java.time.Instant;

/** A known customer seen on one visitor id (a browser, an app install, a newsletter recipient). */
public record IdentityLink(String customerId, String visitorId, Instant linkedAt) {
}
