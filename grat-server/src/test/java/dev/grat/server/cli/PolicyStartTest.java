package dev.grat.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./grat serve --policy FILE} refuses to start on an invalid policy, before it opens any data. */
class PolicyStartTest {

    @TempDir
    Path dir;

    @Test
    void serve_withAnInvalidPolicy_exitsWith2_namingEveryFieldAtFault_andOpensNoData() throws IOException {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                version: "1"
                controller: {name: Example Shop, contact: dpo@shop.example}
                categories:
                  - id: views
                    description: Product views
                    purposes: [analytics, profiling]
                    retention: 13 months
                    eventTypes: [product_view]
                    fields: [itemId, email]
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path data = dir.resolve("data");

        int exit = new Main(Map.of("GRAT_SECRET_KEY", "Zq8vN2xK5tR1wY7pL3mC9bH4sD6fJ0gA"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("serve", "--port", "0", "--data", data.toString(), "--policy", policy.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("data policy file " + policy + " is invalid")
                .contains("categories[0].purposes[1]: unknown value \"profiling\"")
                .contains("categories[0].retention: must be an ISO-8601 duration like P30D")
                .contains("categories[0].legalBasis: must state the legal basis")
                .contains("categories[0].fields[1]: unknown event field \"email\"");
        assertThat(data).doesNotExist();
    }
}
