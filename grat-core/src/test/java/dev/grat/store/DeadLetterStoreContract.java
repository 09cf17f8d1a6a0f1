package dev.grat.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every adapter's {@link DeadLetterStore} must show. An adapter's test extends this class and says how
 * to open its store on a directory.
 */
public abstract class DeadLetterStoreContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    protected Path dataDir;

    protected Store store;

    /** Opens the adapter's store on {@code dir}; opening the same directory again sees what was committed. */
    protected abstract Store openStore(Path dir);

    /** Whether the adapter keeps data across {@link Store#close()}. */
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

    protected static DeadLetter letter(String visitorId, Instant at, String payload) {
        return DeadLetter.received(at, DeadLetter.Kind.EVENT, "type: is required", visitorId, false,
                payload.getBytes(StandardCharsets.UTF_8));
    }

    private DeadLetterStore letters() {
        return store.deadLetters();
    }

    @Test
    void add_assignsIncreasingIdsAndKeepsEveryField() {
        DeadLetter body = DeadLetter.received(T0.plusMillis(1), DeadLetter.Kind.BODY, "not JSON", null, true,
                "{\"events\": [ü".getBytes(StandardCharsets.UTF_8));
        List<DeadLetter> stored = letters().add(List.of(letter("v1", T0, "{\"id\":\"e1\"}"), body));

        assertThat(stored).extracting(DeadLetter::id).doesNotContain(0L).isSorted();
        assertThat(letters().list(0, 10)).containsExactlyElementsOf(stored);
        DeadLetter read = letters().get(List.of(stored.get(1).id())).getFirst();
        assertThat(read.kind()).isEqualTo(DeadLetter.Kind.BODY);
        assertThat(read.visitorId()).isNull();
        assertThat(read.globalPrivacyControl()).isTrue();
        assertThat(read.payload()).isEqualTo("{\"events\": [ü");
        assertThat(read.receivedAt()).isEqualTo(T0.plusMillis(1));
        assertThat(letters().count()).isEqualTo(2);
    }

    @Test
    void list_pagesAfterAnIdUpToTheLimit() {
        List<DeadLetter> stored = letters().add(List.of(letter("v1", T0, "a"), letter("v2", T0, "b"),
                letter("v3", T0, "c")));

        assertThat(letters().list(0, 2)).extracting(DeadLetter::payload).containsExactly("a", "b");
        assertThat(letters().list(stored.get(1).id(), 2)).extracting(DeadLetter::payload).containsExactly("c");
        assertThat(letters().list(stored.get(2).id(), 2)).isEmpty();
    }

    @Test
    void get_returnsOnlyLettersThatExist() {
        List<DeadLetter> stored = letters().add(List.of(letter("v1", T0, "a"), letter("v2", T0, "b")));

        assertThat(letters().get(List.of(stored.get(1).id(), 999_999L))).extracting(DeadLetter::payload)
                .containsExactly("b");
    }

    @Test
    void remove_removesOnlyTheListedLetters() {
        List<DeadLetter> stored = letters().add(List.of(letter("v1", T0, "a"), letter("v2", T0, "b")));

        assertThat(letters().remove(List.of(stored.get(0).id(), 999_999L))).isEqualTo(1);
        assertThat(letters().list(0, 10)).extracting(DeadLetter::payload).containsExactly("b");
    }

    @Test
    void updateReasons_replacesTheReasonAndKeepsThePayload() {
        DeadLetter stored = letters().add(List.of(letter("v1", T0, "a"))).getFirst();

        letters().updateReasons(Map.of(stored.id(), "itemId: unknown item"));

        DeadLetter read = letters().get(List.of(stored.id())).getFirst();
        assertThat(read.reason()).isEqualTo("itemId: unknown item");
        assertThat(read.payload()).isEqualTo("a");
    }

    @Test
    void eraseVisitorOfTheStore_removesTheVisitorsLettersOnly() {
        letters().add(List.of(letter("erased", T0, "secret-of-erased"), letter("kept", T0, "k"),
                letter(null, T0, "no visitor")));

        store.eraseVisitor("erased");

        assertThat(letters().list(0, 10)).extracting(DeadLetter::payload).containsExactly("k", "no visitor");
    }

    @Test
    void eraseVisitor_ofTheDeadLetters_countsWhatItRemoved() {
        letters().add(List.of(letter("v1", T0, "a"), letter("v1", T0, "b"), letter("v2", T0, "c")));

        assertThat(letters().eraseVisitor("v1")).isEqualTo(2);
        assertThat(letters().count()).isEqualTo(1);
    }

    @Test
    void eraseBefore_removesLettersReceivedBeforeTheCutoff() {
        letters().add(List.of(letter("v1", T0, "old"), letter("v2", T0.plusSeconds(60), "new")));

        assertThat(letters().eraseBefore(T0.plusSeconds(1))).isEqualTo(1);
        assertThat(letters().list(0, 10)).extracting(DeadLetter::payload).containsExactly("new");
    }

    @Test
    void received_cutsAPayloadOverTheLimitAndSaysSo() {
        byte[] big = "é".repeat(DeadLetter.MAX_PAYLOAD_BYTES).getBytes(StandardCharsets.UTF_8);
        DeadLetter stored = letters().add(List.of(DeadLetter.received(T0, DeadLetter.Kind.BODY, "too big", null,
                false, big))).getFirst();

        DeadLetter read = letters().get(List.of(stored.id())).getFirst();
        assertThat(read.truncated()).isTrue();
        assertThat(read.payload().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(DeadLetter.MAX_PAYLOAD_BYTES);
    }

    @Test
    void reopen_keepsTheLettersAndGoesOnWithHigherIds() {
        assumeTrue(persistent(), "the adapter does not persist");
        DeadLetter first = letters().add(List.of(letter("v1", T0, "a"))).getFirst();
        store.close();
        store = openStore(dataDir);

        DeadLetter second = letters().add(List.of(letter("v1", T0, "b"))).getFirst();

        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(letters().list(0, 10)).extracting(DeadLetter::payload).containsExactly("a", "b");
    }
}
