package dev.grat.store.sealed;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCipherTest {

    private final RecordCipher cipher = new RecordCipher(new SecureRandom());
    private final Subject subject = new Subject(cipher.newSubjectId(), cipher.newKey());
    private final byte[] plaintext = "visitor-1 viewed p1".getBytes(StandardCharsets.UTF_8);

    /** A subject as a store knows it; the stores' own subjects bind by a random id or by the visitor hash. */
    record Subject(byte[] binding, byte[] dataKey) implements SealingSubject {
    }

    @Test
    void sealedRecord_opensWithItsSubjectAndKindOnly() {
        byte[] sealed = cipher.seal(subject, RecordCipher.Kind.EVENT, plaintext);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("visitor-1");
        assertThat(cipher.open(subject, RecordCipher.Kind.EVENT, sealed)).isEqualTo(plaintext);
        assertThatThrownBy(() -> cipher.open(subject, RecordCipher.Kind.CONSENT, sealed))
                .isInstanceOf(SealedRecordException.class).hasMessageContaining("changed or moved");
    }

    @Test
    void sealedRecord_movedToAnotherSubjectOrWithAnotherKey_doesNotOpen() {
        byte[] sealed = cipher.seal(subject, RecordCipher.Kind.EVENT, plaintext);

        assertThatThrownBy(() -> cipher.open(new Subject(cipher.newSubjectId(), subject.dataKey()),
                RecordCipher.Kind.EVENT, sealed)).isInstanceOf(SealedRecordException.class);
        assertThatThrownBy(() -> cipher.open(new Subject(subject.binding(), cipher.newKey()),
                RecordCipher.Kind.EVENT, sealed)).isInstanceOf(SealedRecordException.class);
    }

    @Test
    void sealingTwice_givesDifferentBytes() {
        assertThat(cipher.seal(subject, RecordCipher.Kind.EVENT, plaintext))
                .isNotEqualTo(cipher.seal(subject, RecordCipher.Kind.EVENT, plaintext));
    }

    @Test
    void open_ofAnUnknownFormatOrTruncatedRecord_failsNamingTheKind() {
        byte[] sealed = cipher.seal(subject, RecordCipher.Kind.LINK, plaintext);
        sealed[0] = 2;

        assertThatThrownBy(() -> cipher.open(subject, RecordCipher.Kind.LINK, sealed))
                .isInstanceOf(SealedRecordException.class).hasMessageContaining("link record has an unknown format");
        assertThatThrownBy(() -> cipher.open(subject, RecordCipher.Kind.LINK, new byte[] {1, 2, 3}))
                .isInstanceOf(SealedRecordException.class).hasMessageContaining("unknown format");
    }
}
