package dev.grat.store.sealed;

import dev.grat.consent.ConsentEntry;
import dev.grat.consent.Purpose;
import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.LineItem;
import dev.grat.store.DeadLetter;
import dev.grat.store.IdentityLink;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the stored bytes: the vectors were written by the stores' own copies of this code before it moved here, so
 * a change that fails this test would leave existing databases (both stores write the same format) unreadable.
 */
class StoredFormatTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Instant T = Instant.ofEpochMilli(1_700_000_000_000L);
    private static final byte[] KEY = new byte[RecordCipher.KEY_BYTES];
    private static final byte[] BINDING = new byte[RecordCipher.SUBJECT_ID_BYTES];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) i;
        }
        for (int i = 0; i < BINDING.length; i++) {
            BINDING[i] = (byte) (0xA0 + i);
        }
    }

    private static final Event EVENT = Event.builder().id("e-1").type(EventType.PURCHASE).visitorId("v-1")
            .customerId("c-1").channel(Channel.WEB).timestamp(Instant.ofEpochMilli(1_700_000_000_123L))
            .items(List.of(new LineItem("p-1", 2, new BigDecimal("19.90")))).currency("EUR").decisionId("d-1")
            .properties(Map.of("k", "v")).build();
    private static final String EVENT_PLAIN = "00000003652d3100000008707572636861736500000003762d3100000003632d31000000037765620000018bcfe5687bffffffffffffffffffffffff0000000100000003702d31000000020000000531392e39300000000345555200000003642d3100000001000000016b0000000176";
    private static final String EVENT_SEALED = "017e6f147d63f07315812bd8e09dfcb1a25e471b9e7dc981ce7619d311623f9dbf83e1c99b6c1876faf934112e9270aa17bd0bdd913167b07236e075ea71ce7a7893f040816ae1ed2a37c1668c5fade03e035339710ea84bb97fb3faee98ae9c8454c919310d3230246dd0e5bc688ed8176260ab5952df67b7619024a796a3dcedada4dc6f8a8220d5c00b4a56";

    @Test
    void eventRecordSealedBeforeTheMove_opensAndDecodes() {
        RecordCipher cipher = new RecordCipher(new SecureRandom());
        byte[] plain = cipher.open(new RecordCipherTest.Subject(BINDING, KEY), RecordCipher.Kind.EVENT,
                HEX.parseHex(EVENT_SEALED));

        assertThat(HEX.formatHex(plain)).isEqualTo(EVENT_PLAIN);
        assertThat(RecordCodec.event(plain)).isEqualTo(EVENT);
    }

    @Test
    void records_encodeToThePinnedBytes() {
        ConsentEntry consent = new ConsentEntry("v-1", Set.of(Purpose.ANALYTICS, Purpose.PERSONALIZATION), T,
                "banner", "p-2", true, "n-h", true, false);
        Declaration declaration = new Declaration("v-1", new DeclaredPreferences(List.of("shoes"), List.of("acme"),
                List.of("hats"), Map.of("shoe", "42")), T, "center");

        assertThat(HEX.formatHex(RecordCodec.event(EVENT))).isEqualTo(EVENT_PLAIN);
        assertThat(HEX.formatHex(RecordCodec.consent(consent, "salt-1"))).isEqualTo("00000003762d310000000200000009616e616c79746963730000000f706572736f6e616c697a6174696f6e0000018bcfe568000000000662616e6e657200000003702d32010000000673616c742d31000000036e2d680100");
        assertThat(HEX.formatHex(RecordCodec.link(new IdentityLink("c-1", "v-1", T)))).isEqualTo("00000003632d3100000003762d310000018bcfe56800");
        assertThat(HEX.formatHex(RecordCodec.declaration(declaration))).isEqualTo("00000003762d310000000663656e7465720000018bcfe56800000000010000000573686f6573000000010000000461636d65000000010000000468617473000000010000000473686f65000000023432");
        assertThat(HEX.formatHex(RecordCodec.deadLetter(new DeadLetter(7, T, DeadLetter.Kind.EVENT, "bad", "v-1", false,
                false, "{x")))).isEqualTo("010003762d31000362616400027b78");
        assertThat(HEX.formatHex(RecordCodec.deadLetter(new DeadLetter(8, T, DeadLetter.Kind.BODY, "bad", null, false,
                false, "{x")))).isEqualTo("00000362616400027b78");
    }

    @Test
    void aDeadLetter_readsBackItsVisitorReasonAndPayload() {
        DeadLetter letter = new DeadLetter(7, T, DeadLetter.Kind.EVENT, "type: is required", "v-1", true, false,
                "{\"id\": \"é\"}");

        RecordCodec.DeadLetterText text = RecordCodec.deadLetter(RecordCodec.deadLetter(letter));

        assertThat(text).isEqualTo(new RecordCodec.DeadLetterText("v-1", "type: is required", "{\"id\": \"é\"}"));
    }

    @Test
    void blindedHashesAndBucket_areThePinnedOnes() {
        Blinder blinder = new Blinder(KEY);

        assertThat(HEX.formatHex(blinder.hash(Blinder.Domain.VISITOR, "v-1"))).isEqualTo("dbeb23ff6770ae7f760315e547186436");
        assertThat(HEX.formatHex(blinder.hash(Blinder.Domain.EVENT_ID, "e-1"))).isEqualTo("3b072dfdc3520cd58e495ad15a4217f1");
        assertThat(Blinder.bucket(blinder.hash(Blinder.Domain.VISITOR, "v-1"))).isEqualTo(11);
    }
}
