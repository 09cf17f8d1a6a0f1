package dev.grat.server.cli;

import dev.grat.Grat;
import dev.grat.server.config.Setting;
import dev.grat.store.sqlite.SqliteStore;
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

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return new Main(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownFlag_exitsWith2AndNamesTheFlag() {
        assertThat(run(Map.of(), "serve", "--prot", "8080")).isEqualTo(2);
        assertThat(err()).contains("unknown flag --prot", "--port");
    }

    @Test
    void flagWithoutValue_exitsWith2() {
        assertThat(run(Map.of(), "serve", "--port")).isEqualTo(2);
        assertThat(err()).contains("--port needs a value");
    }

    @Test
    void badFlagValue_exitsWith2AndNamesTheFlag() {
        assertThat(run(Map.of(), "serve", "--port", "eighty")).isEqualTo(2);
        assertThat(err()).contains("--port: must be a whole number");
    }

    @Test
    void badEnvironmentValue_namesTheVariable() {
        assertThat(run(Map.of("GRAT_MAX_BATCH_SIZE", "0"), "serve")).isEqualTo(2);
        assertThat(err()).contains("GRAT_MAX_BATCH_SIZE", "maxBatchSize must be at least 1");
    }

    @Test
    void serveWithoutSecretKey_refusesToStart() {
        assertThat(run(Map.of(), "serve", "--data", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("no secret key", "GRAT_SECRET_KEY");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("listening");
    }

    @Test
    void serveWithAShortSecretKey_refusesToStart() {
        assertThat(run(Map.of("GRAT_SECRET_KEY", "too-short"), "serve", "--data", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("the secret key has 9 characters; it needs at least 24").doesNotContain("too-short");
    }

    @Test
    void unknownCommand_exitsWith2() {
        assertThat(run(Map.of(), "srve")).isEqualTo(2);
        assertThat(err()).contains("unknown command \"srve\"", "serve, demo, import, experiments, consent, help");
    }

    @Test
    void help_listsEverySettingWithItsVariableAndDefault() {
        assertThat(run(Map.of(), "help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        for (Setting setting : Setting.values()) {
            assertThat(help).contains(setting.property(), setting.environmentVariable(), setting.defaultValue());
        }
    }

    @Test
    void importWithoutFiles_exitsWith2() {
        assertThat(run(Map.of(), "import", "--data", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("--catalog", "--events");
    }

    @Test
    void import_loadsACatalogFileIntoTheDataDirectory() throws IOException {
        Path catalog = dir.resolve("catalog.jsonl");
        Files.writeString(catalog, """
                {"id": "lamp-1", "title": "Desk Lamp", "category": "Home/Lights", "brand": "Luma", "price": 35.5}
                {"id": "lamp-2", "title": "Floor Lamp", "category": "Home/Lights", "brand": "Luma", "price": 120}
                """);
        Path data = dir.resolve("data");

        assertThat(run(Map.of(), "import", "--data", data.toString(), "--catalog", catalog.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 read, 2 accepted, 0 rejected");
        try (Grat grat = Grat.builder().store(SqliteStore.open(data)).build()) {
            assertThat(grat.item("lamp-2")).hasValueSatisfying(item -> assertThat(item.title()).isEqualTo("Floor Lamp"));
        }
    }
}
