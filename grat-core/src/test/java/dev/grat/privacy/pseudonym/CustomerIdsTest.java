package dev.grat.privacy.pseudonym;

import dev.grat.InvalidInputException;
import dev.grat.catalog.Identifiers;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerIdsTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(bytes(1));
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString(bytes(2));

    private final CustomerIds ids = new CustomerIds(PseudonymKeys.parse(K1));

    @Test
    void pseudonym_isAKeyedHashNamingItsKey_andAValidGratId() {
        String pseudonym = ids.forWriting("cust-42", none()).orElseThrow();

        assertThat(pseudonym).startsWith("p.k1.").hasSize("p.k1.".length() + 43).doesNotContain("cust-42");
        assertThat(Identifiers.isValid(pseudonym)).isTrue();
        assertThat(ids.isPseudonym(pseudonym)).isTrue();
        assertThat(ids.forWriting("cust-42", none())).hasValue(pseudonym);
        assertThat(ids.forWriting("cust-43", none())).isNotEqualTo(ids.forWriting("cust-42", none()));
    }

    @Test
    void emailAddresses_areNormalisedBeforeHashing() {
        String pseudonym = ids.forWriting("Alice@Example.com", none()).orElseThrow();

        assertThat(ids.forWriting("  alice@example.COM ", none())).hasValue(pseudonym);
        assertThat(ids.forWriting("bob@example.com", none())).isNotEqualTo(ids.forWriting("alice@example.com", none()));
    }

    @Test
    void anotherKey_makesAnUnrelatedPseudonym() {
        CustomerIds other = new CustomerIds(PseudonymKeys.parse(K2));

        String mine = ids.forWriting("alice@example.com", none()).orElseThrow();
        String theirs = other.forWriting("alice@example.com", none()).orElseThrow();

        assertThat(theirs.substring(5)).isNotEqualTo(mine.substring(5));
        assertThat(other.isPseudonym(mine)).isFalse();
    }

    @Test
    void afterRotation_aCustomerKnownUnderTheOldKeyKeepsTheirPseudonym_andNewOnesGetTheNewKey() {
        String old = ids.forWriting("alice@example.com", none()).orElseThrow();
        CustomerIds rotated = new CustomerIds(PseudonymKeys.parse(K2 + "," + K1));

        assertThat(rotated.forWriting("alice@example.com", Set.of(old)::contains)).hasValue(old);
        assertThat(rotated.forWriting("bob@example.com", Set.of(old)::contains).orElseThrow()).startsWith("p.k2.");
        assertThat(rotated.forLookup("Alice@example.com", "customerId")).contains(old)
                .anySatisfy(form -> assertThat(form).startsWith("p.k2."));
    }

    @Test
    void lookup_acceptsAPseudonymAsAnExportShowsIt_andThePlainIdOfRecordsFromBeforePseudonymisation() {
        String pseudonym = ids.forWriting("cust-42", none()).orElseThrow();

        assertThat(ids.forLookup(pseudonym, "customerId")).containsExactly(pseudonym);
        assertThat(ids.forLookup("cust-42", "customerId")).containsExactly(pseudonym, "cust-42");
        assertThat(ids.forLookup("alice@example.com", "customerId")).hasSize(1).noneMatch(f -> f.contains("@"));
    }

    @Test
    void aPseudonymSentAsACustomerId_isPseudonymisedAgain_soNobodyCanLinkThemselvesToAnotherCustomer() {
        String victim = ids.forWriting("victim@example.com", none()).orElseThrow();

        assertThat(ids.forWriting(victim, Set.of(victim)::contains)).isNotEqualTo(java.util.Optional.of(victim));
    }

    @Test
    void invalidCustomerIds_areLeftForValidation_andRefusedForLookupNamingTheField() {
        assertThat(ids.forWriting("has space", none())).isEmpty();
        assertThat(ids.forWriting("two@@at", none())).isEmpty();
        assertThat(ids.forWriting("@example.com", none())).isEmpty();
        assertThatThrownBy(() -> ids.forLookup("not valid!", "customerId"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("customerId"));
    }

    @Test
    void keyrings_refuseShortSecrets_badIds_duplicates_andBadBase64_withoutShowingTheSecret() {
        String shortSecret = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> PseudonymKeys.parse("k1:" + shortSecret)).hasMessageContaining("at least 32")
                .hasMessageNotContaining(shortSecret);
        assertThatThrownBy(() -> PseudonymKeys.parse("k.1:" + K1.substring(3))).hasMessageContaining("key id");
        assertThatThrownBy(() -> PseudonymKeys.parse(K1 + "," + K1)).hasMessageContaining("used twice");
        assertThatThrownBy(() -> PseudonymKeys.parse("k1:%%%")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> PseudonymKeys.parse(" ")).hasMessageContaining("at least one key");
        assertThat(PseudonymKeys.parse("# keys, current first\n" + K2 + "\n" + K1).all()).extracting(PseudonymKey::id)
                .containsExactly("k2", "k1");
        assertThat(PseudonymKeys.generate("k9", new SecureRandom()).current().id()).isEqualTo("k9");
    }

    private static java.util.function.Predicate<String> none() {
        return id -> false;
    }

    private static byte[] bytes(int seed) {
        byte[] bytes = new byte[32];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }
}
