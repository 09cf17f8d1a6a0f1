package dev.grat.consent;

import dev.grat.consent.LedgerVerification.Problem;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerVerifierTest {

    private final InMemoryStore store = new InMemoryStore();
    private final ConsentBook book = new ConsentBook(store.consents(),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    private void fiveEntries() {
        for (int i = 1; i <= 5; i++) {
            book.record("v" + (i % 2), new ConsentChange(Map.of(Purpose.ANALYTICS, i % 2 == 0), "banner", "p" + i, false));
        }
    }

    private List<LedgerRow> rows() {
        return store.consentRowsForTampering();
    }

    @Test
    void untouchedLedger_isValid_andNamesItsHead() {
        fiveEntries();

        LedgerVerification verification = book.verify();

        assertThat(verification.valid()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(5);
        assertThat(verification.headHash()).isEqualTo(rows().getLast().link().hash());
    }

    @Test
    void changedPurposes_areAHashMismatchAtThatEntry() {
        fiveEntries();
        LedgerRow third = rows().get(2);
        ConsentEntry e = third.entry();
        rows().set(2, LedgerRow.of(third.link(), third.salt(), new ConsentEntry(e.visitorId(),
                EnumSet.allOf(Purpose.class), e.recordedAt(), e.source(), e.policyVersion(), e.globalPrivacyControl())));

        assertThat(book.verify().firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(3);
            assertThat(b.problem()).isEqualTo(Problem.HASH_MISMATCH);
        });
    }

    @Test
    void deletedEntry_isAGapAtItsSequence() {
        fiveEntries();
        rows().remove(1);

        LedgerVerification verification = book.verify();

        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(2);
            assertThat(b.problem()).isEqualTo(Problem.GAP);
        });
    }

    @Test
    void swappedEntries_breakAtTheFirstOfThem() {
        fiveEntries();
        LedgerRow second = rows().get(1);
        LedgerRow fourth = rows().get(3);
        // Moved content under the other's sequence and link: what reordering rows in a table amounts to.
        rows().set(1, LedgerRow.of(second.link(), fourth.salt(), fourth.entry()));
        rows().set(3, LedgerRow.of(fourth.link(), second.salt(), second.entry()));

        assertThat(book.verify().firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(2);
            assertThat(b.problem()).isEqualTo(Problem.HASH_MISMATCH);
        });
    }

    @Test
    void rehashedEntryWithoutItsSuccessor_isABrokenLinkAtTheNextEntry() {
        fiveEntries();
        LedgerRow third = rows().get(2);
        ConsentEntry forged = new ConsentEntry(third.entry().visitorId(), EnumSet.allOf(Purpose.class),
                third.entry().recordedAt(), "forged", "p3", false);
        LedgerLink link = third.link();
        rows().set(2, LedgerRow.of(new LedgerLink(link.sequence(), link.previousHash(),
                ConsentChain.hash(link.sequence(), link.previousHash(), third.salt(), forged)), third.salt(), forged));

        assertThat(book.verify().firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(4);
            assertThat(b.problem()).isEqualTo(Problem.BROKEN_LINK);
        });
    }

    @Test
    void entriesCutOffTheEnd_areAGapAfterTheLastOne() {
        fiveEntries();
        rows().removeLast();

        assertThat(book.verify().firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(5);
            assertThat(b.problem()).isEqualTo(Problem.GAP);
        });
    }

    @Test
    void unreadableRow_isReportedAsChanged() {
        fiveEntries();
        rows().set(0, LedgerRow.unreadable(rows().getFirst().link(), "corrupt column"));

        assertThat(book.verify().firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(1);
            assertThat(b.problem()).isEqualTo(Problem.HASH_MISMATCH);
            assertThat(b.detail()).contains("corrupt column");
        });
    }

    @Test
    void erasure_leavesTombstonesThatStillVerify_andHoldNothingOfTheVisitor() {
        fiveEntries();

        store.eraseVisitor("v1");

        LedgerVerification verification = book.verify();
        assertThat(verification.valid()).isTrue();
        assertThat(verification.tombstones()).isEqualTo(3);
        assertThat(rows()).filteredOn(LedgerRow::isTombstone).allSatisfy(row -> {
            assertThat(row.salt()).isNull();
            assertThat(row.toString()).doesNotContain("v1\"").doesNotContain("visitorId=v1");
        });
    }

    @Test
    void hash_dependsOnEveryField() {
        ConsentEntry base = new ConsentEntry("v1", EnumSet.of(Purpose.NECESSARY), Instant.EPOCH, "banner", "p1",
                false, null, false, false);
        String salt = "00".repeat(16);
        String hash = ConsentChain.hash(1, ConsentChain.GENESIS, salt, base);
        List<ConsentEntry> variants = List.of(
                new ConsentEntry("v2", base.granted(), Instant.EPOCH, "banner", "p1", false, null, false, false),
                new ConsentEntry("v1", EnumSet.allOf(Purpose.class), Instant.EPOCH, "banner", "p1", false, null, false, false),
                new ConsentEntry("v1", base.granted(), Instant.ofEpochMilli(1), "banner", "p1", false, null, false, false),
                new ConsentEntry("v1", base.granted(), Instant.EPOCH, "cmp", "p1", false, null, false, false),
                new ConsentEntry("v1", base.granted(), Instant.EPOCH, "banner", "p2", false, null, false, false),
                new ConsentEntry("v1", base.granted(), Instant.EPOCH, "banner", "p1", true, null, false, false),
                new ConsentEntry("v1", base.granted(), Instant.EPOCH, "banner", "p1", false, "ab", false, false),
                new ConsentEntry("v1", base.granted(), Instant.EPOCH, "banner", "p1", false, null, true, false),
                new ConsentEntry("v1", base.granted(), Instant.EPOCH, "banner", "p1", false, null, false, true));
        for (ConsentEntry variant : variants) {
            assertThat(ConsentChain.hash(1, ConsentChain.GENESIS, salt, variant)).as(variant.toString()).isNotEqualTo(hash);
        }
        assertThat(ConsentChain.hash(2, ConsentChain.GENESIS, salt, base)).isNotEqualTo(hash);
        assertThat(ConsentChain.hash(1, "1".repeat(64), salt, base)).isNotEqualTo(hash);
        assertThat(ConsentChain.hash(1, ConsentChain.GENESIS, "01".repeat(16), base)).isNotEqualTo(hash);
        assertThat(hash).matches("[0-9a-f]{64}");
    }
}
