package dev.grat.store;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Links between known customers and their visitor ids, made only with personalization consent. */
public interface IdentityStore {

    /** Stores the link unless the same customer and visitor are linked already. Returns true if it was new. */
    boolean link(IdentityLink link);

    /** The links of one customer. */
    List<IdentityLink> linksOfCustomer(String customerId);

    /** The links of one visitor id. */
    List<IdentityLink> linksOfVisitor(String visitorId);

    /**
     * Retention: removes every link made before {@code cutoff} and returns the removed links. The deleted rows may
     * stay in free space until {@link Store#scrubErased()}.
     */
    List<IdentityLink> eraseBefore(Instant cutoff);

    /** Every link. */
    void forEach(Consumer<IdentityLink> action);
}
