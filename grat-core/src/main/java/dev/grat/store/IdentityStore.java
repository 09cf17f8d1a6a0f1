package dev.grat.store;

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

    /** Every link. */
    void forEach(Consumer<IdentityLink> action);
}
