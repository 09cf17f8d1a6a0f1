package dev.grat.server.config;

import dev.grat.privacy.policy.DataCategory;
import dev.grat.privacy.policy.DataPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyFileTest {

    /** The example shipped in the docs; the module's tests run in grat-server/. */
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "data-policy.json");

    @TempDir
    Path dir;

    @Test
    void shippedExample_loads_andIsTheDefaultPolicy() throws IOException {
        assertThat(PolicyFile.load(EXAMPLE)).isEqualTo(DataPolicy.defaultPolicy());
        assertThat(Files.readString(EXAMPLE)).isEqualTo(PolicyFile.toJson(DataPolicy.defaultPolicy()));
    }

    @Test
    void yamlFile_isReadLikeJson() throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, """
                version: 3
                controller:
                  name: Example Shop
                  contact: dpo@shop.example
                categories:
                  - id: interaction-events
                    description: Product views
                    purposes: [analytics]
                    legalBasis: Consent (GDPR art. 6(1)(a))
                    retention: P30D
                    recipients: [the shop]
                    eventTypes: [product_view]
                    fields: [itemId, properties.slot]
                """);

        DataPolicy policy = PolicyFile.load(file);

        assertThat(policy.version()).isEqualTo("3");
        DataCategory category = policy.category("interaction-events").orElseThrow();
        assertThat(category.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(category.fields()).containsExactly("itemId", "properties.slot");
    }

    @Test
    void invalidPolicy_isRefused_namingTheFileAndEveryPath() throws IOException {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, PolicyFile.toJson(DataPolicy.defaultPolicy())
                .replace("\"P30D\"", "\"13 months\"").replace("\"personalization\" ]", "\"profiling\" ]"));

        assertThatThrownBy(() -> PolicyFile.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("data policy file " + file + " is invalid:")
                .hasMessageContaining("categories[0].retention: must be an ISO-8601 duration like P30D")
                .hasMessageContaining("unknown value \"profiling\"");
    }

    @Test
    void malformedOrMissingFile_isRefusedWithTheReason() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"version\": ");

        assertThatThrownBy(() -> PolicyFile.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid JSON").hasMessageContaining("line 1");
        assertThatThrownBy(() -> PolicyFile.load(dir.resolve("absent.json"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void policyFileSetting_comesFromFlagEnvironmentOrProperty() {
        ServerConfig config = ConfigLoader.load(ServerConfig.builder().build(), null,
                Map.of("GRAT_POLICY_FILE", "/etc/grat/policy.yaml"), Map.of());

        assertThat(config.policyFile()).contains(Path.of("/etc/grat/policy.yaml"));
        assertThat(Setting.byFlag("--policy")).contains(Setting.POLICY_FILE);
        assertThat(config.describe()).contains("policy.file = /etc/grat/policy.yaml");
    }
}
