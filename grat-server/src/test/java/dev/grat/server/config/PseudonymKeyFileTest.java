package dev.grat.server.config;

import dev.grat.privacy.pseudonym.PseudonymKey;
import dev.grat.privacy.pseudonym.PseudonymKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymKeyFileTest {

    private static final String KEYS = "k2:" + Base64.getEncoder().encodeToString(new byte[32]) + ",k1:"
            + Base64.getEncoder().encodeToString(new byte[40]);

    @TempDir
    Path dataDir;

    @Test
    void withoutConfiguredKeys_aKeyIsGeneratedIntoTheDataDirectory_ownerReadableOnly_andKept() throws IOException {
        ServerConfig config = ServerConfig.builder().dataDir(dataDir).build();

        PseudonymKeys first = PseudonymKeyFile.resolve(config);
        PseudonymKeys again = PseudonymKeyFile.resolve(config);

        Path file = dataDir.resolve(PseudonymKeyFile.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.current().id()).isEqualTo("k1");
        assertThat(new dev.grat.privacy.pseudonym.CustomerIds(again).forWriting("c1", id -> false))
                .isEqualTo(new dev.grat.privacy.pseudonym.CustomerIds(first).forWriting("c1", id -> false));
    }

    @Test
    void configuredKeys_comeFromTheEnvironment_currentFirst_andAreNeverPrinted() {
        ServerConfig config = ConfigLoader.load(ServerConfig.builder().dataDir(dataDir).build(), null,
                Map.of("GRAT_PSEUDONYM_KEYS", KEYS), Map.of());

        assertThat(PseudonymKeyFile.resolve(config).all()).extracting(PseudonymKey::id).containsExactly("k2", "k1");
        assertThat(String.join("\n", config.describe())).contains("pseudonym.keys = PseudonymKeys[k2, k1]")
                .doesNotContain(KEYS.substring(3, 20));
        assertThat(dataDir.resolve(PseudonymKeyFile.FILE_NAME)).doesNotExist();
    }

    @Test
    void badKeys_areRefusedAtLoadNamingTheSetting() {
        assertThatThrownBy(() -> ConfigLoader.load(ServerConfig.builder().build(), null,
                Map.of("GRAT_PSEUDONYM_KEYS", "k1:c2hvcnQ="), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GRAT_PSEUDONYM_KEYS").hasMessageContaining("at least 32");
    }

    @Test
    void withPostgres_keysMustBeConfigured_soThatEveryNodePseudonymisesAlike() {
        ServerConfig config = ServerConfig.builder().dataDir(dataDir).store("jdbc:postgresql://db:5432/grat").build();

        assertThatThrownBy(() -> PseudonymKeyFile.resolve(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("GRAT_PSEUDONYM_KEYS");
        assertThat(PseudonymKeyFile.resolve(config.toBuilder().pseudonymKeys(KEYS).build()).current().id())
                .isEqualTo("k2");
    }
}
