package dev.grat.store;

import dev.grat.catalog.Item;
import dev.grat.consent.ChainedEntry;
import dev.grat.consent.ConsentChain;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.LedgerLink;
import dev.grat.consent.LedgerRow;
import dev.grat.consent.LedgerVerification;
import dev.grat.consent.LedgerVerifier;
import dev.grat.consent.Purpose;
import dev.grat.decide.Comparison;
import dev.grat.decide.Condition;
import dev.grat.decide.ContentVariant;
import dev.grat.decide.ProfileField;
import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.LineItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every {@link Store} adapter must show. An adapter's test extends this class and says how to
 * open its store on a directory; the suite then covers every method of every port.
 */
public abstract class StoreContract {

    /** A fixed instant on a whole hour, so tests can reason about hourly tallies. */
    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    protected Path dataDir;

    protected Store store;

    private final SplittableRandom salts = new SplittableRandom(42);

    /** Opens the adapter's store on {@code dir}; opening the same directory again sees what was committed. */
    protected abstract Store openStore(Path dir);

    /** Whether the adapter keeps data across {@link Store#close()}; tests of reopening are skipped if not. */
    protected boolean persistent() {
        return true;
    }

    @BeforeEach
    void openStoreForTest() {
        store = openStore(dataDir);
    }

    @AfterEach
    void closeStoreAfterTest() {
        store.close();
    }

    /** Closes the store and opens it again on the same directory. */
    protected Store reopen() {
        store.close();
        store = openStore(dataDir);
        return store;
    }

    // ---------------------------------------------------------------- events

    @Test
    void commit_returnsExactlyTheNewIds() {
        Set<String> first = commitPersonal(view("e1", "v1", "p1", T0), view("e2", "v1", "p2", T0));
        Set<String> second = commitPersonal(view("e2", "v1", "p2", T0), view("e3", "v1", "p3", T0));

        assertThat(first).containsExactlyInAnyOrder("e1", "e2");
        assertThat(second).containsExactly("e3");
    }

    @Test
    void commit_ofAnEmptyBatch_returnsNoIdsAndStoresNothing() {
        assertThat(store.events().commit(new IngestBatch(List.of(), List.of()))).isEmpty();
        assertThat(store.events().personalEventCount()).isZero();
    }

    @Test
    void commit_storesAnIdFromAnEarlierBatchOnce() {
        commitPersonal(view("e1", "v1", "p1", T0));
        Set<String> retried = commitPersonal(view("e1", "v1", "p1", T0));

        assertThat(retried).isEmpty();
        assertThat(store.events().personalEventCount()).isEqualTo(1);
    }

    @Test
    void commit_storesAnIdRepeatedInsideOneBatchOnce() {
        Set<String> added = commitPersonal(view("e1", "v1", "p1", T0), view("e1", "v1", "p1", T0));

        assertThat(added).containsExactly("e1");
        assertThat(store.events().eventsOf("v1")).hasSize(1);
    }

    @Test
    void commit_ignoresAPersonalEventWhoseIdWasStoredAnonymously() {
        commitAnonymous(view("e1", null, "p1", T0));
        Set<String> added = commitPersonal(view("e1", "v1", "p1", T0));

        assertThat(added).isEmpty();
        assertThat(store.events().personalEventCount()).isZero();
    }

    @Test
    void commit_ignoresAnAnonymousEventWhoseIdWasStoredPersonally() {
        commitPersonal(view("e1", "v1", "p1", T0));
        Set<String> added = commitAnonymous(view("e1", null, "p1", T0));

        assertThat(added).isEmpty();
        assertThat(tallies()).isEmpty();
    }

    @Test
    void commit_storesAnIdSentPersonallyAndAnonymouslyInOneBatchOnce() {
        Set<String> added = store.events().commit(new IngestBatch(
                List.of(view("e1", "v1", "p1", T0)), List.of(view("e1", null, "p1", T0))));

        assertThat(added).containsExactly("e1");
        assertThat(store.events().personalEventCount()).isEqualTo(1);
        assertThat(tallies()).isEmpty();
    }

    @Test
    void commit_ofAPersonalEventWithoutVisitorId_failsAndStoresNothingOfItsBatch() {
        IngestBatch batch = new IngestBatch(List.of(view("good", "v1", "p1", T0), view("bad", null, "p1", T0)),
                List.of(view("anon", null, "p1", T0)));

        assertThatThrownBy(() -> store.events().commit(batch)).isInstanceOf(RuntimeException.class);
        assertThat(store.events().personalEventCount()).isZero();
        assertThat(allEvents()).isEmpty();
        assertThat(tallies()).isEmpty();
        assertThat(commitPersonal(view("good", "v1", "p1", T0))).containsExactly("good");
    }

    @Test
    void commit_keepsEveryFieldOfAPersonalEvent() {
        Event purchase = purchase("e1", "v1", T0.plusMillis(123));

        commitPersonal(purchase);

        assertThat(store.events().eventsOf("v1")).containsExactly(purchase);
    }

    @Test
    void commit_keepsAnonymousEventsOnlyAsTallies() {
        Set<String> added = commitAnonymous(view("a1", null, "p1", T0.plusSeconds(60)),
                view("a2", null, "p1", T0.plusSeconds(120)));

        assertThat(added).containsExactlyInAnyOrder("a1", "a2");
        assertThat(store.events().personalEventCount()).isZero();
        assertThat(allEvents()).isEmpty();
        assertThat(tallies()).containsExactly(new AnonymousTally(EventType.PRODUCT_VIEW, "p1", null, T0, 2));
    }

    @Test
    void forEachTally_sumsPerTypeItemCategoryAndHourAcrossBatches() {
        Event categoryView = Event.builder().id("a3").type(EventType.CATEGORY_VIEW).channel(Channel.WEB)
                .timestamp(T0.plusSeconds(5)).categoryId("Women/Shoes").build();
        commitAnonymous(view("a1", null, "p1", T0), categoryView);
        commitAnonymous(view("a2", null, "p1", T0.plusSeconds(3599)), view("a4", null, "p1", T0.plusSeconds(3600)),
                purchase("a5", null, T0.plusSeconds(10)).anonymized());

        assertThat(tallies()).containsExactlyInAnyOrder(
                new AnonymousTally(EventType.PRODUCT_VIEW, "p1", null, T0, 2),
                new AnonymousTally(EventType.PRODUCT_VIEW, "p1", null, T0.plusSeconds(3600), 1),
                new AnonymousTally(EventType.CATEGORY_VIEW, null, "Women/Shoes", T0, 1),
                new AnonymousTally(EventType.PURCHASE, "p1", null, T0, 1),
                new AnonymousTally(EventType.PURCHASE, "p2", null, T0, 1));
    }

    @Test
    void forEachTally_matchesAnonymousTallyOfEachEvent() {
        Event purchase = purchase("a1", null, T0.plusSeconds(30)).anonymized();
        commitAnonymous(purchase);

        assertThat(tallies()).containsExactlyInAnyOrderElementsOf(AnonymousTally.of(purchase));
    }

    @Test
    void forEachEvent_replaysOldestTimestampFirst() {
        commitPersonal(view("late", "v1", "p1", T0.plusSeconds(30)), view("early", "v2", "p1", T0));
        commitPersonal(view("middle", "v1", "p2", T0.plusSeconds(10)));

        assertThat(allEvents()).extracting(Event::id).containsExactly("early", "middle", "late");
    }

    @Test
    void eventsOf_returnsOnlyThatVisitorsEventsOldestFirst() {
        commitPersonal(view("b", "v1", "p1", T0.plusSeconds(20)), view("x", "v2", "p1", T0),
                view("a", "v1", "p2", T0.plusSeconds(10)));

        assertThat(store.events().eventsOf("v1")).extracting(Event::id).containsExactly("a", "b");
        assertThat(store.events().eventsOf("nobody")).isEmpty();
    }

    @Test
    void personalEventCount_countsPersonalEventsOnly() {
        commitPersonal(view("e1", "v1", "p1", T0), view("e2", "v2", "p1", T0));
        commitAnonymous(view("a1", null, "p1", T0));

        assertThat(store.events().personalEventCount()).isEqualTo(2);
    }

    @Test
    void countEvents_countsThePersonalEventsOfTheTypesAndTheirDistinctVisitors() {
        commitPersonal(view("e1", "v1", "p1", T0), view("e2", "v1", "p2", T0), view("e3", "v2", "p1", T0),
                purchase("e4", "v3", T0));
        commitAnonymous(view("a1", null, "p1", T0));

        assertThat(store.events().countEvents(EnumSet.of(EventType.PRODUCT_VIEW))).isEqualTo(new EventCount(3, 2));
        assertThat(store.events().countEvents(EnumSet.of(EventType.PRODUCT_VIEW, EventType.PURCHASE)))
                .isEqualTo(new EventCount(4, 3));
        assertThat(store.events().countEvents(EnumSet.of(EventType.SEARCH))).isEqualTo(new EventCount(0, 0));
        assertThat(store.events().countEvents(Set.of())).isEqualTo(new EventCount(0, 0));
    }

    @Test
    void commit_fromEightThreadsWithOverlappingIds_storesEveryIdExactlyOnce() throws Exception {
        int threads = 8;
        int batchesPerThread = 25;
        int eventsPerBatch = 40;
        List<Callable<Set<String>>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int owner = t % 4; // two threads send each id range, so every id arrives twice, concurrently
            workers.add(() -> {
                Set<String> added = new HashSet<>();
                for (int b = 0; b < batchesPerThread; b++) {
                    List<Event> personal = new ArrayList<>();
                    List<Event> anonymous = new ArrayList<>();
                    for (int i = 0; i < eventsPerBatch; i++) {
                        String id = "t" + owner + "-b" + b + "-e" + i;
                        Instant at = T0.plusMillis(b * 1000L + i);
                        if (i % 4 == 0) {
                            anonymous.add(view(id, null, "p" + i, at));
                        } else {
                            personal.add(view(id, "v" + owner, "p" + i, at));
                        }
                    }
                    added.addAll(store.events().commit(new IngestBatch(personal, anonymous)));
                }
                return added;
            });
        }
        List<Set<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Set<String>> future : pool.invokeAll(workers)) {
                results.add(future.get());
            }
        }

        int distinctIds = 4 * batchesPerThread * eventsPerBatch;
        List<String> allAdded = results.stream().flatMap(Set::stream).toList();
        assertThat(allAdded).doesNotHaveDuplicates().hasSize(distinctIds);
        assertThat(store.events().personalEventCount()).isEqualTo(distinctIds * 3 / 4);
        assertThat(tallies().stream().mapToLong(AnonymousTally::count).sum()).isEqualTo(distinctIds / 4);
    }

    // ---------------------------------------------------------------- consent

    @Test
    void consentHistory_returnsEveryFieldOfAVisitorsEntriesOldestFirst() {
        ConsentEntry first = consent("v1", T0, EnumSet.of(Purpose.NECESSARY, Purpose.ANALYTICS), false);
        ConsentEntry second = consent("v1", T0.plusSeconds(60), EnumSet.of(Purpose.NECESSARY), true);
        appendConsent(first);
        appendConsent(consent("v2", T0.plusSeconds(30), EnumSet.allOf(Purpose.class), false));
        appendConsent(second);

        assertThat(store.consents().history("v1")).containsExactly(first, second);
        assertThat(store.consents().history("nobody")).isEmpty();
    }

    @Test
    void consentForEachLatest_givesTheNewestEntryOfEveryVisitor() {
        appendConsent(consent("v1", T0, EnumSet.allOf(Purpose.class), false));
        ConsentEntry v1Latest = consent("v1", T0.plusSeconds(60), EnumSet.of(Purpose.NECESSARY), false);
        appendConsent(v1Latest);
        ConsentEntry v2Only = consent("v2", T0.plusSeconds(30), EnumSet.of(Purpose.NECESSARY, Purpose.MARKETING),
                true);
        appendConsent(v2Only);

        List<ConsentEntry> latest = Collections.synchronizedList(new ArrayList<>());
        store.consents().forEachLatest(latest::add);

        assertThat(latest).containsExactlyInAnyOrder(v1Latest, v2Only);
    }

    @Test
    void consentAppend_chainsEveryEntryToTheOneBeforeInAppendOrder() {
        ConsentEntry first = consent("v1", T0, EnumSet.of(Purpose.NECESSARY), false);
        ConsentEntry second = consent("v2", T0.minusSeconds(60), EnumSet.allOf(Purpose.class), true);
        String salt = ConsentChain.newSalt(salts);

        LedgerLink one = store.consents().append(first, salt);
        LedgerLink two = appendConsent(second);

        assertThat(one).isEqualTo(new LedgerLink(1, ConsentChain.GENESIS, ConsentChain.hash(1, ConsentChain.GENESIS,
                salt, first)));
        assertThat(two.sequence()).isEqualTo(2);
        assertThat(two.previousHash()).isEqualTo(one.hash());
        assertThat(store.consents().head()).contains(two);
        List<LedgerRow> rows = chain();
        assertThat(rows).extracting(LedgerRow::link).containsExactly(one, two);
        assertThat(rows.getFirst()).isEqualTo(LedgerRow.of(one, salt, first));
        assertThat(LedgerVerifier.verify(store.consents()).valid()).isTrue();
    }

    @Test
    void consentEntries_keepTheirNoticeHashObjectionAndRestriction() {
        ConsentEntry entry = new ConsentEntry("v1", EnumSet.of(Purpose.NECESSARY, Purpose.PERSONALIZATION), T0,
                "privacy-center", "2025-02", true, ConsentChain.sha256("We use cookies."), true, true);
        LedgerLink link = appendConsent(entry);

        assertThat(store.consents().history("v1")).containsExactly(entry);
        assertThat(store.consents().latestOf("v1")).contains(new ChainedEntry(entry, link));
        assertThat(store.consents().latestOf("nobody")).isEmpty();
        assertThat(LedgerVerifier.verify(store.consents()).valid()).isTrue();
    }

    @Test
    void consentLatestOf_isTheNewestEntryWithItsLink() {
        appendConsent(consent("v1", T0, EnumSet.allOf(Purpose.class), false));
        appendConsent(consent("v2", T0, EnumSet.allOf(Purpose.class), false));
        ConsentEntry newest = consent("v1", T0.plusSeconds(5), EnumSet.of(Purpose.NECESSARY), false);
        LedgerLink link = appendConsent(newest);

        assertThat(store.consents().latestOf("v1")).contains(new ChainedEntry(newest, link));
    }

    @Test
    void notices_areKeptOncePerHash() {
        String text = "We personalise your shop with your consent. \u00e9\u2713";
        String hash = ConsentChain.sha256(text);
        store.consents().putNotice(hash, text);
        store.consents().putNotice(hash, text);

        assertThat(store.consents().notice(hash)).contains(text);
        assertThat(store.consents().notice(ConsentChain.sha256("other"))).isEmpty();
    }

    @Test
    void emptyLedger_verifiesWithTheGenesisHead() {
        LedgerVerification verification = LedgerVerifier.verify(store.consents());

        assertThat(verification.valid()).isTrue();
        assertThat(verification.entriesChecked()).isZero();
        assertThat(verification.headHash()).isEqualTo(ConsentChain.GENESIS);
        assertThat(store.consents().head()).isEmpty();
    }

    @Test
    void erasure_turnsTheVisitorsEntriesIntoTombstones_andTheChainStillVerifies() {
        storeVisitor("v1", "c1");
        storeVisitor("v2", "c2");
        List<LedgerLink> linksBefore = chain().stream().map(LedgerRow::link).toList();

        store.eraseVisitor("v1");

        List<LedgerRow> rows = chain();
        assertThat(rows).extracting(LedgerRow::link).containsExactlyElementsOf(linksBefore);
        assertThat(rows.subList(0, 2)).allSatisfy(row -> {
            assertThat(row.isTombstone()).isTrue();
            assertThat(row.salt()).isNull();
        });
        assertThat(rows.subList(2, 4)).noneMatch(LedgerRow::isTombstone);
        LedgerVerification verification = LedgerVerifier.verify(store.consents());
        assertThat(verification.valid()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(4);
        assertThat(verification.tombstones()).isEqualTo(2);
        appendConsent(consent("v3", T0, EnumSet.of(Purpose.NECESSARY), false));
        assertThat(LedgerVerifier.verify(store.consents()).valid()).isTrue();
    }

    @Test
    void concurrentAppends_formOneChainWithoutGaps() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LedgerLink>> appended = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ConsentEntry entry = consent("v" + (i % 7), T0.plusSeconds(i), EnumSet.of(Purpose.NECESSARY), false);
                String salt = ConsentChain.newSalt(new SplittableRandom(i));
                appended.add(pool.submit(() -> store.consents().append(entry, salt)));
            }
            Set<Long> sequences = new HashSet<>();
            for (Future<LedgerLink> link : appended) {
                sequences.add(link.get().sequence());
            }
            assertThat(sequences).hasSize(40).allMatch(seq -> seq >= 1 && seq <= 40);
        } finally {
            pool.shutdownNow();
        }
        LedgerVerification verification = LedgerVerifier.verify(store.consents());
        assertThat(verification.valid()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(40);
    }

    /** Random appends and erasures (seeded, so a failure repeats): the chain verifies after every step. */
    @Test
    void randomAppendsAndErasures_alwaysLeaveAValidChain() {
        long tombstones = 0;
        long total = 0;
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Map<String, Integer> live = new HashMap<>();
            for (int step = 0; step < 25; step++) {
                String visitor = "s" + seed + "-v" + random.nextInt(5);
                if (random.nextInt(6) == 0) {
                    tombstones += store.eraseVisitor(visitor).consentEntries();
                    live.remove(visitor);
                } else {
                    Set<Purpose> granted = EnumSet.of(Purpose.NECESSARY);
                    for (Purpose purpose : Purpose.values()) {
                        if (random.nextBoolean()) {
                            granted.add(purpose);
                        }
                    }
                    appendConsent(new ConsentEntry(visitor, granted, T0.plusSeconds(step), "banner", "p" + step,
                            random.nextBoolean(), null, random.nextBoolean(), random.nextBoolean()));
                    live.merge(visitor, 1, Integer::sum);
                    total++;
                }
                LedgerVerification verification = LedgerVerifier.verify(store.consents());
                assertThat(verification.valid()).as("seed %d step %d: %s", seed, step, verification).isTrue();
                assertThat(verification.tombstones()).isEqualTo(tombstones);
                assertThat(verification.entriesChecked()).isEqualTo(total);
            }
            live.forEach((visitor, count) -> assertThat(store.consents().history(visitor)).hasSize(count));
        }
    }

    // ---------------------------------------------------------------- catalog

    @Test
    void catalogUpsert_replacesAnItemById() {
        store.catalog().upsert(List.of(item("p1", "Old title", "10.00"), item("p2", "Other", "5.00")));
        Item replaced = item("p1", "New title", "12.50");
        store.catalog().upsert(List.of(replaced));

        assertThat(items()).hasSize(2).contains(replaced);
        assertThat(store.catalog().count()).isEqualTo(2);
    }

    @Test
    void catalog_keepsAttributesAndExactPrices() {
        Item tenCents = new Item("p1", "Sock", "Men/Socks", "Acme", new BigDecimal("0.10"), false,
                Map.of("colour", "blue", "material", "wool"));
        Item precise = new Item("p2", "Gold", "Jewellery", null, new BigDecimal("1234567890.123456789"), true, Map.of());
        Item trailingZeros = item("p3", "Shoe", "19.90");
        store.catalog().upsert(List.of(tenCents, precise, trailingZeros));

        assertThat(items()).containsExactlyInAnyOrder(tenCents, precise, trailingZeros);
    }

    @Test
    void catalogCount_ofAnEmptyCatalog_isZero() {
        assertThat(store.catalog().count()).isZero();
        assertThat(items()).isEmpty();
    }

    // ---------------------------------------------------------------- identities

    @Test
    void link_storesTheSameCustomerAndVisitorOnce() {
        IdentityLink link = new IdentityLink("c1", "v1", T0);

        assertThat(store.identities().link(link)).isTrue();
        assertThat(store.identities().link(new IdentityLink("c1", "v1", T0.plusSeconds(60)))).isFalse();
        assertThat(store.identities().linksOfCustomer("c1")).containsExactly(link);
    }

    @Test
    void links_areFoundByCustomerAndByVisitor() {
        IdentityLink phone = new IdentityLink("c1", "v-phone", T0);
        IdentityLink laptop = new IdentityLink("c1", "v-laptop", T0.plusSeconds(10));
        IdentityLink otherCustomer = new IdentityLink("c2", "v-laptop", T0.plusSeconds(20));
        store.identities().link(phone);
        store.identities().link(laptop);
        store.identities().link(otherCustomer);

        assertThat(store.identities().linksOfCustomer("c1")).containsExactlyInAnyOrder(phone, laptop);
        assertThat(store.identities().linksOfVisitor("v-laptop")).containsExactlyInAnyOrder(laptop, otherCustomer);
        assertThat(store.identities().linksOfVisitor("nobody")).isEmpty();
        List<IdentityLink> all = new ArrayList<>();
        store.identities().forEach(all::add);
        assertThat(all).containsExactlyInAnyOrder(phone, laptop, otherCustomer);
    }

    @Test
    void eraseLinksBefore_removesOnlyLinksMadeBeforeTheCutoff_andReturnsThem() {
        IdentityLink old = new IdentityLink("c1", "v-phone", T0);
        IdentityLink atCutoff = new IdentityLink("c1", "v-laptop", T0.plusSeconds(60));
        IdentityLink recent = new IdentityLink("c2", "v-tablet", T0.plusSeconds(120));
        store.identities().link(old);
        store.identities().link(atCutoff);
        store.identities().link(recent);

        List<IdentityLink> removed = store.identities().eraseBefore(T0.plusSeconds(60));

        assertThat(removed).containsExactly(old);
        assertThat(store.identities().linksOfCustomer("c1")).containsExactly(atCutoff);
        assertThat(store.identities().linksOfVisitor("v-phone")).isEmpty();
        assertThat(store.identities().eraseBefore(T0.plusSeconds(60))).isEmpty();
        // The pair may be linked again afterwards, with its new time.
        assertThat(store.identities().link(new IdentityLink("c1", "v-phone", T0.plusSeconds(300)))).isTrue();
    }

    // ---------------------------------------------------------------- declared preferences

    @Test
    void declaredPut_keepsEveryFieldOfTheDeclaration() {
        Declaration declaration = declaration("v1", T0, "Women/Shoes", "Acmé \"Run\" ✓");

        store.declared().put(declaration);

        assertThat(store.declared().get("v1")).contains(declaration);
        assertThat(store.declared().get("nobody")).isEmpty();
        if (persistent()) {
            assertThat(reopen().declared().get("v1")).contains(declaration);
        }
    }

    @Test
    void declaredPut_replacesTheVisitorsDeclarationWhole() {
        store.declared().put(declaration("v1", T0, "Women/Shoes", "Acme"));
        Declaration corrected = new Declaration("v1", new DeclaredPreferences(List.of("Men"), List.of(), List.of(),
                Map.of()), T0.plusSeconds(60), "support");

        store.declared().put(corrected);

        assertThat(store.declared().get("v1")).contains(corrected);
        List<Declaration> all = new ArrayList<>();
        store.declared().forEach(all::add);
        assertThat(all).containsExactly(corrected);
    }

    @Test
    void declaredErase_removesOnlyThatVisitorsDeclaration() {
        store.declared().put(declaration("v1", T0, "Women", "Acme"));
        store.declared().put(declaration("v2", T0, "Men", "Acme"));

        assertThat(store.declared().erase("v1")).isTrue();
        assertThat(store.declared().erase("v1")).isFalse();

        assertThat(store.declared().get("v1")).isEmpty();
        assertThat(store.declared().get("v2")).isPresent();
    }

    @Test
    void declaredEraseBefore_removesOnlyDeclarationsMadeBeforeTheCutoff() {
        store.declared().put(declaration("v-old", T0, "Women", "Acme"));
        store.declared().put(declaration("v-new", T0.plusSeconds(3600), "Men", "Acme"));

        assertThat(store.declared().eraseBefore(T0.plusSeconds(1))).containsExactly("v-old");

        assertThat(store.declared().get("v-old")).isEmpty();
        assertThat(store.declared().get("v-new")).isPresent();
    }

    @Test
    void eraseVisitor_removesTheVisitorsDeclaration_andCountsIt() {
        storeVisitor("v1", "c1");
        store.declared().put(declaration("v1", T0, "Women", "Acme"));
        store.declared().put(declaration("v2", T0, "Men", "Acme"));

        assertThat(store.eraseVisitor("v1")).isEqualTo(new ErasedRecords(3, 2, 1, 1));

        assertThat(store.declared().get("v1")).isEmpty();
        assertThat(store.declared().get("v2")).isPresent();
    }

    protected static Declaration declaration(String visitorId, Instant at, String category, String brand) {
        return new Declaration(visitorId, new DeclaredPreferences(List.of(category, "Home/Kitchen"), List.of(brand),
                List.of("Kids"), Map.of("shoes", "39", "dress", "M")), at, "visitor");
    }

    // ---------------------------------------------------------------- content

    @Test
    void putSlot_replacesTheVariantsOfThatSlotOnly() {
        store.content().putSlot("greeting", List.of(variant("old", "Hello")));
        store.content().putSlot("description", List.of(variant("d", "Nice shoe")));
        List<ContentVariant> replacement = List.of(variant("new", "Welcome back"));
        store.content().putSlot("greeting", replacement);

        assertThat(store.content().all())
                .containsOnlyKeys("greeting", "description")
                .containsEntry("greeting", replacement);
    }

    @Test
    void content_keepsVariantOrderAndConditions() {
        List<ContentVariant> variants = List.of(
                new ContentVariant("loyal", "Thanks for coming back!", List.of(
                        new Condition(ProfileField.PURCHASE_COUNT, Comparison.GTE, "3"),
                        new Condition(ProfileField.TOP_CATEGORY, Comparison.EQ, "Women"))),
                new ContentVariant("returning", "Welcome back", List.of(
                        new Condition(ProfileField.RETURNING, Comparison.EQ, "true"))),
                variant("anyone", "Hello"));
        store.content().putSlot("greeting", variants);

        assertThat(store.content().all().get("greeting")).containsExactlyElementsOf(variants);
    }

    // ---------------------------------------------------------------- erasure

    @Test
    void eraseVisitor_removesTheVisitorsEventsConsentAndLinksAndCountsThem() {
        storeVisitor("v1", "c1");

        ErasedRecords erased = store.eraseVisitor("v1");

        assertThat(erased).isEqualTo(new ErasedRecords(3, 2, 1));
        assertThat(store.events().eventsOf("v1")).isEmpty();
        assertThat(store.consents().history("v1")).isEmpty();
        assertThat(store.identities().linksOfVisitor("v1")).isEmpty();
        assertThat(store.identities().linksOfCustomer("c1")).isEmpty();
        assertThat(allEvents()).extracting(Event::visitorId).doesNotContain("v1");
    }

    @Test
    void eraseVisitor_leavesOtherVisitorsIntact() {
        storeVisitor("v1", "c1");
        storeVisitor("v2", "c2");
        IdentityLink sharedCustomer = new IdentityLink("c1", "v2", T0.plusSeconds(90));
        store.identities().link(sharedCustomer);

        store.eraseVisitor("v1");

        assertThat(store.events().eventsOf("v2")).hasSize(3);
        assertThat(store.events().personalEventCount()).isEqualTo(3);
        assertThat(store.consents().history("v2")).hasSize(2);
        assertThat(store.identities().linksOfCustomer("c1")).containsExactly(sharedCustomer);
        assertThat(store.identities().linksOfVisitor("v2")).hasSize(2);
    }

    @Test
    void eraseVisitor_keepsAnonymousTallies() {
        commitAnonymous(view("a1", null, "p1", T0));
        storeVisitor("v1", "c1");

        store.eraseVisitor("v1");

        assertThat(tallies()).containsExactly(new AnonymousTally(EventType.PRODUCT_VIEW, "p1", null, T0, 1));
    }

    @Test
    void eraseVisitor_ofAnUnknownVisitor_erasesNothing() {
        storeVisitor("v1", "c1");

        assertThat(store.eraseVisitor("nobody")).isEqualTo(new ErasedRecords(0, 0, 0));
        assertThat(store.events().personalEventCount()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- retention

    @Test
    void eraseBefore_removesOnlyEventsOfThatTypeBeforeTheCutoff_andReturnsThemOldestFirst() {
        Event oldView = view("old-view", "v1", "p1", T0);
        Event olderView = view("older-view", "v2", "p2", T0.minusSeconds(60));
        Event newView = view("new-view", "v1", "p2", T0.plusSeconds(3600));
        Event oldPurchase = purchase("old-purchase", "v1", T0);
        commitPersonal(oldView, olderView, newView, oldPurchase);

        List<Event> removed = store.events().eraseBefore(EventType.PRODUCT_VIEW, T0.plusSeconds(1));

        assertThat(removed).containsExactly(olderView, oldView);
        assertThat(allEvents()).containsExactly(oldPurchase, newView);
        assertThat(store.events().personalEventCount()).isEqualTo(2);
        assertThat(store.events().eventsOf("v2")).isEmpty();
    }

    @Test
    void eraseBefore_keepsAnEventAtExactlyTheCutoff() {
        commitPersonal(view("at-cutoff", "v1", "p1", T0));

        assertThat(store.events().eraseBefore(EventType.PRODUCT_VIEW, T0)).isEmpty();
        assertThat(store.events().personalEventCount()).isEqualTo(1);
    }

    @Test
    void eraseBefore_forgetsTheIdsOfRemovedEvents() {
        commitPersonal(view("e1", "v1", "p1", T0));

        store.events().eraseBefore(EventType.PRODUCT_VIEW, T0.plusSeconds(1));

        assertThat(commitPersonal(view("e1", "v1", "p1", T0))).containsExactly("e1");
    }

    @Test
    void eraseBefore_lastsAcrossReopen() {
        assumeTrue(persistent(), "the adapter does not persist");
        commitPersonal(view("old", "v1", "p1", T0), view("new", "v1", "p1", T0.plusSeconds(7200)));
        store.events().eraseBefore(EventType.PRODUCT_VIEW, T0.plusSeconds(3600));
        store.scrubErased();

        reopen();

        assertThat(allEvents()).extracting(Event::id).containsExactly("new");
        assertThat(store.events().personalEventCount()).isEqualTo(1);
    }

    @Test
    void eraseTalliesBefore_removesTalliesOfEarlierHours_andReturnsTheirSums() {
        commitAnonymous(view("a1", null, "p1", T0), view("a2", null, "p1", T0.plusSeconds(10)),
                view("a3", null, "p1", T0.plusSeconds(3600)));

        List<AnonymousTally> removed = store.events().eraseTalliesBefore(T0.plusSeconds(3600));

        assertThat(removed).containsExactly(new AnonymousTally(EventType.PRODUCT_VIEW, "p1", null, T0, 2));
        assertThat(tallies()).containsExactly(
                new AnonymousTally(EventType.PRODUCT_VIEW, "p1", null, T0.plusSeconds(3600), 1));
    }

    @Test
    void eraseTalliesBefore_leavesPersonalEvents() {
        commitPersonal(view("e1", "v1", "p1", T0));
        commitAnonymous(view("a1", null, "p1", T0));

        store.events().eraseTalliesBefore(T0.plusSeconds(7200));

        assertThat(tallies()).isEmpty();
        assertThat(store.events().personalEventCount()).isEqualTo(1);
    }

    @Test
    void scrubErased_withNothingRemoved_keepsEverything() {
        storeVisitor("v1", "c1");

        store.scrubErased();

        assertThat(store.events().eventsOf("v1")).hasSize(3);
    }

    // ---------------------------------------------------------------- persistence and lifecycle

    @Test
    void reopen_seesEverythingCommittedBefore() {
        assumeTrue(persistent(), "the adapter does not persist");
        storeVisitor("v1", "c1");
        commitAnonymous(view("a1", null, "p1", T0));
        Item item = item("p1", "Shoe", "19.90");
        store.catalog().upsert(List.of(item));
        List<ContentVariant> variants = List.of(variant("hi", "Hello"));
        store.content().putSlot("greeting", variants);
        List<Event> eventsBefore = allEvents();
        List<ConsentEntry> historyBefore = store.consents().history("v1");
        List<LedgerLink> linksBefore = chain().stream().map(LedgerRow::link).toList();

        reopen();

        assertThat(allEvents()).containsExactlyElementsOf(eventsBefore);
        assertThat(tallies()).containsExactly(new AnonymousTally(EventType.PRODUCT_VIEW, "p1", null, T0, 1));
        assertThat(store.consents().history("v1")).containsExactlyElementsOf(historyBefore);
        assertThat(chain()).extracting(LedgerRow::link).containsExactlyElementsOf(linksBefore);
        assertThat(LedgerVerifier.verify(store.consents()).valid()).isTrue();
        assertThat(store.identities().linksOfCustomer("c1")).containsExactly(new IdentityLink("c1", "v1", T0));
        assertThat(items()).containsExactly(item);
        assertThat(store.content().all()).containsExactly(Map.entry("greeting", variants));
    }

    @Test
    void reopen_stillTreatsStoredIdsAsDuplicates() {
        assumeTrue(persistent(), "the adapter does not persist");
        commitPersonal(view("e1", "v1", "p1", T0));
        commitAnonymous(view("a1", null, "p1", T0));

        reopen();

        assertThat(store.events().commit(new IngestBatch(List.of(view("e1", "v1", "p1", T0)),
                List.of(view("a1", null, "p1", T0))))).isEmpty();
        assertThat(store.events().personalEventCount()).isEqualTo(1);
    }

    @Test
    void closedStore_refusesCommits() {
        store.close();

        assertThatThrownBy(() -> commitPersonal(view("e1", "v1", "p1", T0)))
                .isInstanceOf(IllegalStateException.class);
        store = openStore(dataDir);
    }

    // ---------------------------------------------------------------- helpers

    /** Stores three events (one with the customer id and a search query), two consent entries and one link. */
    protected void storeVisitor(String visitorId, String customerId) {
        commitPersonal(
                view(visitorId + "-e1", visitorId, "p1", T0),
                Event.builder().id(visitorId + "-e2").type(EventType.SEARCH).visitorId(visitorId)
                        .customerId(customerId).channel(Channel.WEB).timestamp(T0.plusSeconds(1))
                        .query("query of " + visitorId).build(),
                purchase(visitorId + "-e3", visitorId, T0.plusSeconds(2)));
        appendConsent(consent(visitorId, T0, EnumSet.of(Purpose.NECESSARY), false));
        appendConsent(consent(visitorId, T0.plusSeconds(60), EnumSet.allOf(Purpose.class), false));
        store.identities().link(new IdentityLink(customerId, visitorId, T0));
    }

    protected Set<String> commitPersonal(Event... events) {
        return store.events().commit(new IngestBatch(List.of(events), List.of()));
    }

    protected Set<String> commitAnonymous(Event... events) {
        return store.events().commit(new IngestBatch(List.of(), List.of(events)));
    }

    protected List<Event> allEvents() {
        List<Event> events = new ArrayList<>();
        store.events().forEachEvent(events::add);
        return events;
    }

    protected List<AnonymousTally> tallies() {
        List<AnonymousTally> tallies = new ArrayList<>();
        store.events().forEachTally(tallies::add);
        return tallies;
    }

    protected List<Item> items() {
        List<Item> items = new ArrayList<>();
        store.catalog().forEach(items::add);
        return items;
    }

    protected static Event view(String id, String visitorId, String itemId, Instant at) {
        return Event.builder().id(id).type(EventType.PRODUCT_VIEW).visitorId(visitorId).channel(Channel.WEB)
                .timestamp(at).itemId(itemId).categoryId("Women/Shoes").build();
    }

    /** A purchase that uses every field, with prices whose scale must survive. */
    protected static Event purchase(String id, String visitorId, Instant at) {
        return Event.builder().id(id).type(EventType.PURCHASE).visitorId(visitorId)
                .customerId(visitorId == null ? null : "customer-of-" + visitorId).channel(Channel.SHOP)
                .timestamp(at)
                .items(List.of(new LineItem("p1", 2, new BigDecimal("19.90")), new LineItem("p2", 1, null)))
                .currency("EUR").decisionId("d-42").query("red shoes")
                .properties(Map.of("coupon", "SPRING", "note", "gift \"wrapped\" ✓"))
                .build();
    }

    /** Appends with a salt from a seeded source (the engine uses a secure one). */
    protected LedgerLink appendConsent(ConsentEntry entry) {
        return store.consents().append(entry, ConsentChain.newSalt(salts));
    }

    protected List<LedgerRow> chain() {
        List<LedgerRow> rows = new ArrayList<>();
        store.consents().forEachInChain(rows::add);
        return rows;
    }

    protected static ConsentEntry consent(String visitorId, Instant at, Set<Purpose> granted, boolean gpc) {
        return new ConsentEntry(visitorId, granted, at, "banner", "2025-01", gpc);
    }

    protected static Item item(String id, String title, String price) {
        return new Item(id, title, "Women/Shoes", "Acme", new BigDecimal(price), true, Map.of("colour", "red"));
    }

    protected static ContentVariant variant(String id, String text) {
        return new ContentVariant(id, text, List.of());
    }
}
