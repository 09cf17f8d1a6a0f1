package dev.grat.store.postgres;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCipherTest {

    private final RecordCipher cipher = new RecordCipher(new SecureRandom());
    private final Subject subject = new Subject(cipher.newSubjectId(), cipher.newKey());
    private final byte[] plaintext = "visitor-1 viewed p1".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealedRecord_opensWithItsSubjectAndKindOnly() {
        byte[] sealed = cipher.seal(subject, RecordCipher.Kind.EVENT, plaintext);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("visitor-1");
        assertThat(cipher.open(subject, RecordCipher.Kind.EVENT, sealed)).isEqualTo(plaintext);
        assertThatThrownBy(() -> cipher.open(subject, RecordCipher.Kind.CONSENT, sealed))
                .isInstanceOf(PostgresStoreException.class).hasMessageContaining("changed or moved");
    }

    @Test
    void sealedRecord_movedToAnotherSubjectOrWithAnotherKey_doesNotOpen() {
        byte[] sealed = cipher.seal(subject, RecordCipher.Kind.EVENT, plaintext);

        assertThatThrownBy(() -> cipher.open(new Subject(cipher.newSubjectId(), subject.dataKey()),
                RecordCipher.Kind.EVENT, sealed)).isInstanceOf(PostgresStoreException.class);
        assertThatThrownBy(() -> cipher.open(new Subject(subject.id(), cipher.newKey()),
                RecordCipher.Kind.EVENT, sealed)).isInstanceOf(PostgresStoreException.class);
    }

    @Test
    void sealingTwice_givesDifferentBytes() {
        assertThat(cipher.seal(subject, RecordCipher.Kind.EVENT, plaintext))
                .isNotEqualTo(cipher.seal(subject, RecordCipher.Kind.EVENT, plaintext));
    }
}
