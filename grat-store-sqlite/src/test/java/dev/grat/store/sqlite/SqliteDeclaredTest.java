package dev.grat.store.sqlite;

import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredPreferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rectification on disk: a replaced or removed declaration leaves no byte in any file of the data directory. */
class SqliteDeclaredTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final String OLD_BRAND = "OldBrand-7f3a9c";
    private static final String OLD_SIZE = "XQ-41";

    @TempDir
    Path dir;

    @Test
    void aCorrectedDeclaration_leavesNoByteOfTheOldOneInAnyFile() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.declared().put(declaration("v1", OLD_BRAND, OLD_SIZE, T0));
            List<byte[]> oldRecord = DataDirectoryScan.sealedPieces(dir, "SELECT payload FROM declared_preferences");
            // Other visitors' writes around it, so that the page is shared and rewritten, as in a live shop.
            for (int i = 0; i < 200; i++) {
                store.declared().put(declaration("other-" + i, "Brand" + i, "M", T0));
            }
            assertThat(DataDirectoryScan.bytesFound(dir, oldRecord)).containsExactly(0);

            store.declared().put(declaration("v1", "NewBrand", "40", T0.plusSeconds(60)));

            assertThat(store.declared().get("v1").orElseThrow().preferences().likedBrands()).containsExactly("NewBrand");
            // Sealed, so never in clear; and the old record's ciphertext is gone too.
            assertThat(DataDirectoryScan.textsFound(dir, List.of(OLD_BRAND, OLD_SIZE))).isEmpty();
            assertThat(DataDirectoryScan.bytesFound(dir, oldRecord)).isEmpty();
        }
        assertThat(DataDirectoryScan.textsFound(dir, List.of(OLD_BRAND, OLD_SIZE))).isEmpty();
    }

    @Test
    void aRemovedDeclaration_leavesNoByteInAnyFile() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.declared().put(declaration("v1", OLD_BRAND, OLD_SIZE, T0));
            store.declared().put(declaration("v2", "Kept", "M", T0));

            assertThat(store.declared().erase("v1")).isTrue();

            assertThat(DataDirectoryScan.textsFound(dir, List.of(OLD_BRAND, OLD_SIZE))).isEmpty();
            assertThat(store.declared().get("v2")).isPresent();
        }
    }

    @Test
    void aVersion2Database_getsTheDeclaredTableWhenOpened() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("grat.db"));
             var statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            for (String ddl : Schema.VERSION_1) {
                statement.execute(ddl);
            }
            statement.execute("PRAGMA user_version = 1");
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.declared().put(declaration("v1", "Acme", "39", T0));
            assertThat(store.declared().get("v1")).isPresent();
        }
    }

    private static Declaration declaration(String visitorId, String brand, String size, Instant at) {
        return new Declaration(visitorId, new DeclaredPreferences(List.of("Women/Shoes"), List.of(brand),
                List.of("Kids"), Map.of("shoes", size)), at, "visitor");
    }
}
