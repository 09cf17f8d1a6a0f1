package dev.grat.cluster.kafka;

import dev.grat.Grat;
import dev.grat.MovingClock;
import dev.grat.catalog.Item;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.TrackContext;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.recommend.Recommendations;
import dev.grat.recommend.ScoredItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two and three nodes on loopback, sharing the machine's PostgreSQL (a fresh schema per test) and one Kafka broker
 * started in this JVM (a fresh topic per test). Every node has the same clock, which stands still unless a test
 * moves it, so that decayed scores on different nodes are comparable exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private MovingClock clock;
    private final AtomicInteger eventIds = new AtomicInteger();
    @RegisterExtension
    static final KafkaForTests KAFKA = new KafkaForTests();
    private TestNodes nodes;

    @BeforeEach
    void freshCluster() {
        clock = new MovingClock(NOW);
        nodes = new TestNodes(KAFKA.bootstrapServers(), clock);
    }

    @AfterEach
    void dropCluster() throws Exception {
        nodes.close();
    }

    @Test
    void anEventSentToNodeA_changesTheRecommendationsOfNodeB() {
        TestNodes.Node a = nodes.start();
        TestNodes.Node b = nodes.start();
        putItems(a, b);
        // Anonymous views make c the most popular item; then three consenting visitors view a and b together.
        for (int i = 0; i < 5; i++) {
            track(a.grat(), view("anon-" + i, "c"));
        }
        await("B ranks c first for a product page", () -> first(b.grat(), "a").id().equals("c"));
        for (String visitor : List.of("u1", "u2", "u3")) {
            grant(a.grat(), visitor);
            track(a.grat(), view(visitor, "a"), view(visitor, "b"));
        }

        await("B recommends b next to a, as viewed together", () -> {
            ScoredItem top = first(b.grat(), "a");
            return top.id().equals("b") && top.reason().contains("together");
        });
        assertThat(b.grat().recommend(RecommendationRequest.home("u1", 3)).personalized()).isTrue();
    }

    @Test
    void anErasureOnNodeA_isCompleteOnNodeB() {
        TestNodes.Node a = nodes.start();
        TestNodes.Node b = nodes.start();
        putItems(a, b);
        grant(a.grat(), "v1");
        track(a.grat(), view("v1", "a"), view("v1", "b"));
        await("B has v1's profile", () -> b.grat().export("v1").profile() != null);
        assertThat(first(b.grat(), "a").id()).isEqualTo("b");

        a.grat().erase("v1");

        await("B holds nothing of v1", () -> b.grat().export("v1").profile() == null
                && b.grat().consent("v1").current().since() == null);
        var export = b.grat().export("v1");
        assertThat(export.events()).isEmpty();
        assertThat(export.identityLinks()).isEmpty();
        assertThat(b.grat().recommend(RecommendationRequest.product("x", "a", 5)).items())
                .noneMatch(item -> item.reason().contains("together"));
        // The profile goes first and the counts follow in the same apply: wait for the counts, do not race them.
        await("B's counts equal A's", () -> scores(b.grat()).equals(scores(a.grat())));
    }

    @Test
    void consentWithdrawnOnNodeA_holdsOnNodeB() {
        TestNodes.Node a = nodes.start();
        TestNodes.Node b = nodes.start();
        putItems(a, b);
        grant(a.grat(), "v1");
        track(a.grat(), view("v1", "a"), view("v1", "b"));
        await("B personalizes for v1", () -> b.grat().recommend(RecommendationRequest.home("v1", 3)).personalized());

        a.grat().setConsent("v1", new ConsentChange(Map.of(Purpose.PERSONALIZATION, false), "banner", "2026-01",
                false, null));

        await("B no longer personalizes for v1",
                () -> !b.grat().recommend(RecommendationRequest.home("v1", 3)).personalized());
        assertThat(b.grat().consent("v1").current().allows(Purpose.PERSONALIZATION)).isFalse();
        assertThat(b.grat().export("v1").profile()).isNull();
    }

    @Test
    void aCrashedNode_restartsAndCatchesUp_withNothingLostOrCountedTwice() throws Exception {
        TestNodes.Node a = nodes.start();
        TestNodes.Node b = nodes.start();
        putItems(a, b);
        for (int v = 0; v < 20; v++) {
            grant(v % 2 == 0 ? a.grat() : b.grat(), "p" + v);
        }
        ingest(a.grat(), b.grat(), 0, 40);
        awaitSame("B has caught up with A", () -> scores(b.grat()), () -> scores(a.grat()));

        nodes.crash(b);
        ingest(a.grat(), a.grat(), 40, 80);

        // A keeps ingesting while B restarts, rebuilds from PostgreSQL and starts following.
        Thread writer = Thread.ofPlatform().start(() -> ingestPersonal(a.grat(), 80, 200));
        TestNodes.Node restarted = nodes.start();
        writer.join();
        ingest(a.grat(), restarted.grat(), 200, 240);

        TestNodes.Node fresh = nodes.start();
        Supplier<List<String>> truth = () -> scores(fresh.grat());
        awaitSame("the restarted node holds exactly what a node rebuilt from the store holds",
                () -> scores(restarted.grat()), truth);
        awaitSame("A holds exactly what a node rebuilt from the store holds", () -> scores(a.grat()), truth);
        await("the crashed node's outbox rows were published", () -> count("SELECT count(*) FROM cluster_outbox") == 0);
        assertThat(scores(restarted.grat())).isEqualTo(scores(a.grat()));
        for (int v = 0; v < 20; v++) {
            assertThat(restarted.grat().export("p" + v).profile()).isEqualTo(fresh.grat().export("p" + v).profile());
        }
    }

    @Test
    void anonymousEventsOfACrashedNode_publishedAgainAfterANodeStarted_areCountedOnceThere() {
        TestNodes.Node a = nodes.start();
        putItems(a);
        // Uneven counts (8 views of c, 3 of d), so that counting some of them twice changes the ranking's scores.
        for (int i = 0; i < 8; i++) {
            track(a.grat(), i % 3 == 0 ? new Event[] {view("anon-" + i, "c"), view("anon-" + i, "d")}
                    : new Event[] {view("anon-" + i, "c")});
        }
        // A dies with outbox rows not yet deleted (published or not). B's tallies hold A's events; B's drainer is
        // the only one left, so it publishes A's rows again only after B read the tallies.
        nodes.crash(a);
        TestNodes.Node b = nodes.start();
        await("A's outbox rows were published again", () -> count("SELECT count(*) FROM cluster_outbox") == 0);

        TestNodes.Node truth = nodes.start();
        awaitSame("B counts A's anonymous events once", () -> scores(b.grat()), () -> scores(truth.grat()));
    }

    @Test
    void aRetentionRunOnNodeA_takesTheExpiredEventsOutOfNodeBsMemory() {
        TestNodes.Node a = nodes.start();
        TestNodes.Node b = nodes.start();
        putItems(a, b);
        grant(a.grat(), "p1");
        grant(a.grat(), "p2");
        Instant old = NOW.minus(Duration.ofDays(40));
        track(a.grat(), view("p1", "a", old), view("p1", "b", old), view("p1", "c"), view("p2", "a"),
                view("p2", "d"), view("anon-1", "e", old), view("anon-2", "f"));
        awaitSame("B has caught up with A", () -> scores(b.grat()), () -> scores(a.grat()));
        List<String> before = scores(b.grat());

        long removed = a.grat().runRetention().totalRemoved();

        assertThat(removed).isPositive();
        TestNodes.Node fresh = nodes.start();
        awaitSame("B holds what a node rebuilt from the store after the run holds", () -> scores(b.grat()),
                () -> scores(fresh.grat()));
        assertThat(scores(b.grat())).isNotEqualTo(before).isEqualTo(scores(a.grat()));
        assertThat(b.grat().export("p1").profile()).isEqualTo(fresh.grat().export("p1").profile());
    }

    @Test
    void declarationsAndExpiredIdentityLinksOnNodeA_reachNodeBsMemory() {
        TestNodes.Node a = nodes.start();
        TestNodes.Node b = nodes.start();
        putItems(a, b);
        grant(a.grat(), "v1");
        track(a.grat(), new Event("e" + eventIds.incrementAndGet(), EventType.PRODUCT_VIEW, "v1", "c1@example.com",
                Channel.WEB, NOW, "a", "Women/Shoes", null, List.of(), null, null, Map.of()));
        DeclaredPreferences shoes = likes("Women/Shoes");
        a.grat().declarePreferences("v1", shoes, "visitor");
        await("B knows v1's declaration and customer", () -> declared(b.grat(), "v1").equals(shoes)
                && customerOf(b.grat(), "v1") != null);

        DeclaredPreferences bags = likes("Women/Bags");
        a.grat().declarePreferences("v1", bags, "visitor");
        await("B has the rectified declaration", () -> declared(b.grat(), "v1").equals(bags));

        // Past every retention period (events 30 days, links and declarations 60): A's run removes them all, and a
        // new view (without a customer id) makes a profile again, which on B must not be linked to the customer.
        clock.advance(Duration.ofDays(61));
        assertThat(a.grat().runRetention().totalRemoved()).isPositive();
        track(a.grat(), view("v1", "b", clock.instant()));
        await("B has v1's new profile", () -> b.grat().export("v1").profile() != null
                && b.grat().export("v1").profile().eventCount() == 1);
        assertThat(customerOf(b.grat(), "v1")).isNull();
        assertThat(b.grat().declaredPreferences("v1")).isEmpty();
        assertThat(customerOf(a.grat(), "v1")).isNull();
    }

    @Test
    void aConsentChangeOnANodeThatStopsSending_reachesTheOtherNodesThroughItsOutbox() {
        TestNodes.Node a = nodes.start();
        TestNodes.Node b = nodes.start();
        putItems(a, b);

        // A's cluster side stops as in a crash (nothing sent, its own connections gone) while its engine and store
        // still take a consent change: the outbox row commits with the ledger entry, and B's drainer publishes it.
        a.cluster().halt();
        grant(a.grat(), "v1");

        await("B knows v1's consent", () -> b.grat().consent("v1").current().allows(Purpose.PERSONALIZATION));
        await("A's outbox row was published", () -> count("SELECT count(*) FROM cluster_outbox") == 0);
    }

    @Test
    void aModelTrainedByTheLeader_isUsedByTheOtherNodes() {
        TestNodes.Node a = nodes.start();
        await("A leads", () -> a.cluster().isLeader());
        TestNodes.Node b = nodes.start();
        TestNodes.Node c = nodes.start();
        assertThat(b.cluster().isLeader()).isFalse();
        assertThat(c.cluster().isLeader()).isFalse();
        putItems(a, b, c);
        for (int v = 0; v < 10; v++) {
            grant(a.grat(), "m" + v);
            track(a.grat(), view("m" + v, "a"), view("m" + v, v % 2 == 0 ? "b" : "c"), view("m" + v, "d"));
        }

        a.grat().trainModel();
        long version = a.cluster().modelVersion();

        assertThat(version).isPositive();
        await("B and C use the leader's model",
                () -> b.cluster().modelVersion() == version && c.cluster().modelVersion() == version);
    }

    @Test
    void whenTheLeaderStops_anotherNodeTakesOverTraining() {
        TestNodes.Node a = nodes.start();
        TestNodes.Node b = nodes.start();
        await("A leads", () -> a.cluster().isLeader());
        assertThat(b.cluster().isLeader()).isFalse();

        nodes.crash(a);

        await("B leads", () -> b.cluster().isLeader());
    }

    @Test
    void propagation_fromACommitOnA_toAppliedOnB_isMeasured() {
        TestNodes.Node a = nodes.start();
        TestNodes.Node b = nodes.start();
        putItems(a, b);
        for (int i = 0; i < 400; i++) {
            grant(a.grat(), "w" + i);
            track(a.grat(), view("w" + i, "abcdef".substring(i % 6, i % 6 + 1)));
        }
        await("B applied every change", () -> b.cluster().propagation().snapshot().samples() >= 801);
        Propagation.Snapshot snapshot = b.cluster().propagation().snapshot();
        System.out.printf("cluster propagation A->B over %d changes: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                snapshot.samples(), snapshot.p50Millis(), snapshot.p99Millis(), snapshot.maxMillis());
        assertThat(snapshot.samples()).isGreaterThanOrEqualTo(801);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void ingest(Grat first, Grat second, int from, int to) {
        for (int i = from; i < to; i++) {
            Grat target = i % 2 == 0 ? first : second;
            String item = "abcdef".substring(i % 6, i % 6 + 1);
            track(target, view("p" + (i % 20), item), view("anon-" + (i % 7), item));
        }
    }

    private void ingestPersonal(Grat grat, int from, int to) {
        for (int i = from; i < to; i++) {
            track(grat, view("p" + (i % 20), "abcdef".substring(i % 6, i % 6 + 1)));
        }
    }

    private long count(String sql) {
        try {
            return nodes.queryLong(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every product page's and every visitor's recommendations with their scores: the node's counts in a list. */
    private static List<String> scores(Grat grat) {
        List<String> lines = new ArrayList<>();
        for (String item : List.of("a", "b", "c", "d", "e", "f")) {
            Recommendations picks = grat.recommend(RecommendationRequest.product("x", item, 5));
            picks.items().forEach(p -> lines.add(item + ":" + p.id() + "=" + p.score()));
        }
        for (int v = 0; v < 20; v++) {
            grat.recommend(RecommendationRequest.home("p" + v, 5)).items()
                    .forEach(p -> lines.add(p.id() + "=" + p.score()));
        }
        return lines;
    }

    private static DeclaredPreferences likes(String category) {
        return new DeclaredPreferences(List.of(category), List.of(), List.of(), Map.of("shoes", "39"));
    }

    private static DeclaredPreferences declared(Grat grat, String visitor) {
        return grat.declaredPreferences(visitor).map(d -> d.preferences()).orElse(DeclaredPreferences.none());
    }

    private static String customerOf(Grat grat, String visitor) {
        var profile = grat.export(visitor).profile();
        return profile == null ? null : profile.customerId();
    }

    private static ScoredItem first(Grat grat, String item) {
        return grat.recommend(RecommendationRequest.product("x", item, 3)).items().getFirst();
    }

    private static void grant(Grat grat, String visitor) {
        grat.setConsent(visitor, new ConsentChange(Map.of(Purpose.PERSONALIZATION, true), "banner", "2026-01",
                false, null));
    }

    private static void track(Grat grat, Event... events) {
        grat.track(List.of(events), TrackContext.none());
    }

    private Event view(String visitor, String item) {
        return view(visitor, item, NOW);
    }

    private Event view(String visitor, String item, Instant at) {
        return new Event("e" + eventIds.incrementAndGet(), EventType.PRODUCT_VIEW, visitor, null, Channel.WEB, at,
                item, "Women/Shoes", null, List.of(), null, null, Map.of());
    }

    /**
     * Puts the catalog on the first node and waits until the others have it: catalog changes and events travel on
     * different partitions, and an event applied before its item leaves the item's category and brand out of the
     * visitor's affinities on that node (docs/SCALING.md, "Limits").
     */
    private static void putItems(TestNodes.Node first, TestNodes.Node... others) {
        first.grat().putItems(items());
        for (TestNodes.Node other : others) {
            await("every node has the catalog", () -> other.grat().item("f").isPresent());
        }
    }

    private static List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d", "e", "f")) {
            items.add(new Item(id, "Item " + id, "Women/Shoes", "Brand", new BigDecimal("19.90"), true, Map.of()));
        }
        return items;
    }

    /** Waits until both lists are equal; on timeout, the failure names the lines that differ. */
    private static void awaitSame(String what, Supplier<List<String>> actual, Supplier<List<String>> expected) {
        try {
            await(what, () -> actual.get().equals(expected.get()));
        } catch (AssertionError e) {
            List<String> is = actual.get();
            List<String> should = expected.get();
            List<String> extra = is.stream().filter(line -> !should.contains(line)).toList();
            List<String> missing = should.stream().filter(line -> !is.contains(line)).toList();
            throw new AssertionError(e.getMessage() + "\n  only in the node: " + extra
                    + "\n  only in the store's rebuild: " + missing, e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
        }
    }
}
