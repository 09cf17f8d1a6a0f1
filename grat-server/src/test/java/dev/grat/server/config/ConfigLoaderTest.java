package dev.grat.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static final String FILE_KEY = "sk_from_file_0123456789abcdef";
    private static final String ENV_KEY = "sk_from_env_0123456789abcdefgh";

    @TempDir
    Path dir;

    private final ServerConfig defaults = ServerConfig.builder().build();

    @Test
    void withoutAnySource_everySettingHasItsDefault() {
        ServerConfig config = ConfigLoader.load(defaults, null, Map.of(), Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("grat-data"));
        assertThat(config.secretKey()).isEmpty();
        assertThat(config.publishableKey()).isEmpty();
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.maxBatchSize()).isEqualTo(1000);
        assertThat(config.synchronous()).isEqualTo(ServerConfig.Synchronous.FULL);
        assertThat(config.logLevel()).isEqualTo(ServerConfig.LogLevel.INFO);
    }

    @Test
    void environmentOverridesTheFile_andFlagsOverrideBoth() throws IOException {
        Path file = write("""
                port = 9000
                data.dir = /var/lib/grat
                secret.key = %s
                max.batch.size = 500
                allowed.origins = https://a.example, https://B.example:8443
                """.formatted(FILE_KEY));

        ServerConfig config = ConfigLoader.load(defaults, file,
                Map.of("GRAT_PORT", "9100", "GRAT_SECRET_KEY", ENV_KEY, "GRAT_SYNCHRONOUS", "normal"),
                Map.of(Setting.PORT, "9200"));

        assertThat(config.port()).isEqualTo(9200);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/grat"));
        assertThat(config.secretKey()).hasValueSatisfying(key -> assertThat(key.matches(ENV_KEY)).isTrue());
        assertThat(config.maxBatchSize()).isEqualTo(500);
        assertThat(config.synchronous()).isEqualTo(ServerConfig.Synchronous.NORMAL);
        assertThat(config.allowedOrigins()).containsExactly("https://a.example", "https://b.example:8443");
    }

    @Test
    void malformedEscapeInTheFile_isAConfigError_namingTheFile() throws IOException {
        Path file = write("port = \\" + "uZZZZ\n");

        assertThatThrownBy(() -> ConfigLoader.load(defaults, file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a valid properties file");
    }

    @Test
    void unknownSettingInTheFile_isNamed() throws IOException {
        Path file = write("prot = 9000\n");

        assertThatThrownBy(() -> ConfigLoader.load(defaults, file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting \"prot\"")
                .hasMessageContaining("port");
    }

    @Test
    void badValue_namesItsSourceAndSetting() throws IOException {
        Path file = write("max.body.bytes = lots\n");

        assertThatThrownBy(() -> ConfigLoader.load(defaults, file, Map.of(), Map.of()))
                .hasMessage(file + ": max.body.bytes: must be a whole number, was \"lots\"");
        assertThatThrownBy(() -> ConfigLoader.load(defaults, null, Map.of("GRAT_PORT", "70000"), Map.of()))
                .hasMessage("environment variable GRAT_PORT: port must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> ConfigLoader.load(defaults, null, Map.of(), Map.of(Setting.SYNCHRONOUS, "sometimes")))
                .hasMessage("--synchronous: must be one of: full, normal, was \"sometimes\"");
    }

    @Test
    void originWithAPath_isRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> ConfigLoader.load(defaults, null,
                Map.of("GRAT_ALLOWED_ORIGINS", "https://shop.example/"), Map.of()))
                .hasMessageContaining("GRAT_ALLOWED_ORIGINS")
                .hasMessageContaining("expected scheme://host[:port]");
        assertThatThrownBy(() -> ConfigLoader.load(defaults, null, Map.of("GRAT_ALLOWED_ORIGINS", "*"), Map.of()))
                .hasMessageContaining("is not an origin");
    }

    @Test
    void missingFile_isAClearError() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> ConfigLoader.load(defaults, missing, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read the config file " + missing);
    }

    @Test
    void printedConfig_masksBothKeys() {
        ServerConfig config = ServerConfig.builder().secretKey(ENV_KEY).publishableKey(FILE_KEY).build();

        assertThat(config.toString()).doesNotContain(ENV_KEY, FILE_KEY).contains("secret.key = ******");
        assertThat(String.join("\n", config.describe())).doesNotContain(ENV_KEY, FILE_KEY);
    }

    @Test
    void serving_needsASecretKeyOfAtLeast24Characters() {
        assertThat(ServerConfig.builder().build().problemsForServing()).singleElement()
                .satisfies(problem -> assertThat(problem).contains("no secret key", "GRAT_SECRET_KEY"));
        assertThat(ServerConfig.builder().secretKey("x".repeat(23)).build().problemsForServing()).singleElement()
                .satisfies(problem -> assertThat(problem).contains("23 characters", "at least 24"));
        assertThat(ServerConfig.builder().secretKey("k7Qz-2mWp9_xR4vLb8NfT3hJ").build().problemsForServing()).isEmpty();
    }

    @Test
    void everySettingHasAnEnvironmentVariable_andOnlyKeysLackAFlag() {
        for (Setting setting : Setting.values()) {
            assertThat(setting.environmentVariable()).startsWith("GRAT_");
            boolean isKey = setting == Setting.SECRET_KEY || setting == Setting.PUBLISHABLE_KEY
                    || setting == Setting.PSEUDONYM_KEYS;
            assertThat(setting.flag().isEmpty()).as(setting.name()).isEqualTo(isKey);
        }
        assertThat(List.of(Setting.values())).extracting(Setting::property).doesNotHaveDuplicates();
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("grat.properties");
        Files.writeString(file, text);
        return file;
    }
}
