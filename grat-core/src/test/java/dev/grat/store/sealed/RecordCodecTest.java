package dev.grat.store.sealed;

import dev.grat.consent.ConsentEntry;
import dev.grat.consent.Purpose;
import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.store.IdentityLink;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {

    private static final Instant T = Instant.ofEpochMilli(1_700_000_000_000L);

    @Test
    void consent_roundTripsWithItsSalt() {
        ConsentEntry entry = new ConsentEntry("v-1", Set.of(Purpose.MARKETING), T, "banner", "p-1", false,
                "notice", false, true);

        RecordCodec.SaltedConsent decoded = RecordCodec.consent(RecordCodec.consent(entry, "salt"));

        assertThat(decoded.entry()).isEqualTo(entry);
        assertThat(decoded.salt()).isEqualTo("salt");
    }

    @Test
    void linkAndDeclaration_roundTrip() {
        IdentityLink link = new IdentityLink("c-1", "v-1", T);
        Declaration declaration = new Declaration("v-1", new DeclaredPreferences(List.of("shoes"), List.of(),
                List.of("hats"), Map.of("shirt", "M")), T, "privacy-center");

        assertThat(RecordCodec.link(RecordCodec.link(link))).isEqualTo(link);
        assertThat(RecordCodec.declaration(RecordCodec.declaration(declaration))).isEqualTo(declaration);
    }

    @Test
    void truncatedRecord_failsAsASealedRecordException() {
        byte[] link = RecordCodec.link(new IdentityLink("c-1", "v-1", T));

        assertThatThrownBy(() -> RecordCodec.link(Arrays.copyOf(link, link.length - 3)))
                .isInstanceOf(SealedRecordException.class).hasMessageContaining("could not be read");
    }
}
