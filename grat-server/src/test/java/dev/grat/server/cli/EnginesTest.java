package dev.grat.server.cli;

import dev.grat.Grat;
import dev.grat.catalog.Item;
import dev.grat.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's choice of store; the PostgreSQL case runs against the machine's server (as the store's own tests). */
class EnginesTest {

    private static final String POSTGRES = System.getProperty("grat.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @TempDir
    Path dataDir;

    private final String schema = "grat_engines_" + HexFormat.of().formatHex(randomBytes());

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void open_withAStoreUrl_keepsTheDataInThatPostgresDatabase() throws SQLException {
        ServerConfig config = ServerConfig.builder().dataDir(dataDir)
                .store(POSTGRES + "&currentSchema=" + schema)
                .pseudonymKeys("k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32])).build();
        Item lamp = new Item("lamp-1", "Desk Lamp", "Home/Lights", "Luma", new BigDecimal("35.50"), true, Map.of());

        try (Grat grat = Engines.open(config)) {
            grat.putItems(List.of(lamp));
        }

        try (Grat grat = Engines.open(config)) {
            assertThat(grat.item("lamp-1")).hasValue(lamp);
        }
        try (Connection connection = DriverManager.getConnection(POSTGRES);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT price FROM " + schema + ".items WHERE id = 'lamp-1'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBigDecimal(1)).isEqualTo(new BigDecimal("35.50"));
        }
        assertThat(dataDir.resolve("grat.db")).doesNotExist();
    }

    @Test
    void open_withoutAStoreUrl_usesTheEmbeddedStoreInTheDataDirectory() {
        ServerConfig config = ServerConfig.builder().dataDir(dataDir).build();

        try (Grat grat = Engines.open(config)) {
            grat.putItems(List.of(new Item("p1", "Shoe", "Women/Shoes", "Acme", BigDecimal.TEN, true, Map.of())));
        }

        assertThat(dataDir.resolve("grat.db")).isRegularFile();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        new Random().nextBytes(bytes);
        return bytes;
    }
}
