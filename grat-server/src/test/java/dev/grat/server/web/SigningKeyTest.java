package dev.grat.server.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void keyFile_isCreatedOnFirstUseOnly_readableByTheOwnerOnly() throws Exception {
        SigningKey key = SigningKey.inDataDirectory(dataDir);
        Path file = dataDir.resolve(SigningKey.FILE_NAME);
        assertThat(file).doesNotExist();

        key.sign("test", "a");

        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void keyFile_survivesARestart_soTokensStayValid() {
        byte[] before = SigningKey.inDataDirectory(dataDir).sign("test", "alice");

        SigningKey afterRestart = SigningKey.inDataDirectory(dataDir);

        assertThat(afterRestart.verify(before, "test", "alice")).isTrue();
        assertThat(afterRestart.verify(before, "test", "bob")).isFalse();
        assertThat(afterRestart.verify(before, "other purpose", "alice")).isFalse();
    }

    @Test
    void partsAreLengthPrefixed_soShiftingABoundaryChangesTheMac() {
        SigningKey key = SigningKey.of(VisitorTokensTest.bytes(3));

        assertThat(key.sign("p", "ab", "c")).isNotEqualTo(key.sign("p", "a", "bc"));
    }

    @Test
    void truncatedKeyFile_isReportedWithWhatToDo() throws Exception {
        Files.write(dataDir.resolve(SigningKey.FILE_NAME), new byte[5]);

        assertThatThrownBy(() -> SigningKey.inDataDirectory(dataDir).sign("p", "a"))
                .hasMessageContaining("holds 5 bytes").hasMessageContaining("Delete it");
    }
}
