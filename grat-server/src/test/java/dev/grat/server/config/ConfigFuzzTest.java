package dev.grat.server.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the server configuration (a properties file, environment variables and flags): whatever comes in, the
 * loader either returns a config that passes its own checks or throws a {@link ConfigException} naming the source;
 * nothing else. Runs like {@code ApiFuzzTest}.
 */
class ConfigFuzzTest {

    @TempDir
    static Path dir;

    @FuzzTest
    void configuration(FuzzedDataProvider data) throws IOException {
        Path file = null;
        if (data.consumeBoolean()) {
            file = dir.resolve("grat.properties");
            Files.writeString(file, propertiesText(data), StandardCharsets.UTF_8);
        }
        Map<String, String> environment = new HashMap<>();
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        int count = data.consumeInt(0, 4);
        for (int i = 0; i < count; i++) {
            Setting setting = data.pickValue(Setting.values());
            String value = data.consumeString(60);
            if (data.consumeBoolean()) {
                environment.put(setting.environmentVariable(), value);
            } else {
                flags.put(setting, value);
            }
        }
        try {
            ServerConfig config = ConfigLoader.load(ServerConfig.builder().build(), file, environment, flags);
            assertThat(config.problemsForServing()).isNotNull();
            assertThat(String.join("\n", config.describe())).isNotBlank();
        } catch (ConfigException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static String propertiesText(FuzzedDataProvider data) {
        StringBuilder text = new StringBuilder();
        int lines = data.consumeInt(0, 4);
        for (int i = 0; i < lines; i++) {
            String name = data.consumeBoolean() ? data.pickValue(Setting.values()).property() : data.consumeString(20);
            text.append(name).append(data.pickValue(new String[] {" = ", "=", ":", " "}))
                    .append(data.consumeString(60)).append('\n');
        }
        return text.toString();
    }
}
