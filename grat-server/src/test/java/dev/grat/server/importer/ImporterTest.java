package dev.grat.server.importer;

import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.InvalidInputException;
import dev.grat.catalog.Item;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.server.importer.Importer.ImportReport;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImporterTest {

    /** Small batches, so that the fixtures span several of them. */
    private final Grat grat = Grat.builder().store(new InMemoryStore())
            .settings(EngineSettings.defaults().withMaxBatchSize(3)).build();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final Importer importer = new Importer(grat, new PrintStream(progress, true, StandardCharsets.UTF_8));

    @AfterEach
    void close() {
        grat.close();
    }

    @Test
    void importCatalog_jsonl_putsValidItemsAndReportsBadLinesByNumberAndField() {
        ImportReport report = importer.importCatalog(fixture("catalog.jsonl"));

        assertThat(report.read()).isEqualTo(7);
        assertThat(report.accepted()).isEqualTo(3);
        assertThat(report.rejected()).isEqualTo(4);
        assertThat(report.firstErrors()).satisfiesExactlyInAnyOrder(
                error -> assertThat(error).startsWith("line 4: price: must not be negative"),
                error -> assertThat(error).startsWith("line 5: json: is not valid JSON"),
                error -> assertThat(error).startsWith("line 6: colour: unknown field"),
                error -> assertThat(error).startsWith("line 7: price: must be a number"));
        assertThat(grat.item("sku-1")).get().extracting(Item::attributes).isEqualTo(Map.of("colour", "red"));
        assertThat(grat.item("sku-7")).get().extracting(Item::available).isEqualTo(false);
        assertThat(grat.item("sku-3")).isEmpty();
    }

    @Test
    void importCatalog_csv_readsQuotedCommasQuotesAndLineBreaksAndKeepsExtraColumnsAsAttributes() {
        ImportReport report = importer.importCatalog(fixture("catalog.csv"));

        assertThat(report.firstErrors()).isEmpty();
        assertThat(report.accepted()).isEqualTo(3);
        Item knife = grat.item("sku-10").orElseThrow();
        assertThat(knife.title()).isEqualTo("Chef's Knife, 20 cm");
        assertThat(knife.brand()).isEqualTo("Kettle & Birch");
        assertThat(knife.price()).isEqualByComparingTo("89.00");
        assertThat(knife.attributes()).containsEntry("colour", "steel");
        assertThat(knife.attributes().get("description"))
                .startsWith("Forged \"Damascus\" steel.").contains("\n").endsWith("Hand wash only.");
        Item shirt = grat.item("sku-11").orElseThrow();
        assertThat(shirt.available()).isTrue();
        assertThat(shirt.attributes()).containsOnlyKeys("colour");
        Item tote = grat.item("sku-12").orElseThrow();
        assertThat(tote.title()).isEqualTo("The \"Classic\" Tote");
        assertThat(tote.available()).isFalse();
        assertThat(tote.price()).isEqualByComparingTo(new BigDecimal("59"));
    }

    @Test
    void importCatalog_csv_reportsEachBadRecordWithTheLineItStartsOn() {
        ImportReport report = importer.importCatalog(fixture("catalog-bad.csv"));

        assertThat(report.read()).isEqualTo(6);
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(4);
        assertThat(report.firstErrors()).containsExactlyInAnyOrder(
                "line 3: price: must be a decimal number such as 19.99, was \"abc\"",
                "line 5: columns: has 5 fields; the header has 6",
                "line 6: available: must be true or false, was \"maybe\"",
                "line 7: category: is required (a path such as \"Women/Shoes\")");
        assertThat(grat.item("sku-20")).isPresent();
        assertThat(grat.item("sku-25")).isPresent();
    }

    @Test
    void importCatalog_csvWithAnUnclosedQuote_reportsItsLineAndKeepsWhatCameBefore() {
        ImportReport report = importer.importCatalog(fixture("catalog-unclosed.csv"));

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.firstErrors()).singleElement().asString()
                .startsWith("line 3: csv: a quoted field is not closed").contains("the rest of the file was not read");
    }

    @Test
    void importCatalog_csvWithoutAPriceColumn_failsNamingTheColumn() {
        assertThatThrownBy(() -> importer.importCatalog(fixture("catalog-no-price.csv")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("header: has no column \"price\"");
    }

    @Test
    void importEvents_jsonl_tracksInBatchesAndReportsRejectedLinesByNumberAndField() {
        grat.setConsent("v-imp-1", new ConsentChange(Map.of(Purpose.ANALYTICS, true, Purpose.PERSONALIZATION, true),
                "test", "1", false));

        ImportReport report = importer.importEvents(fixture("events.jsonl"));

        assertThat(report.read()).isEqualTo(9);
        assertThat(report.accepted()).isEqualTo(6);
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.firstErrors()).satisfiesExactlyInAnyOrder(
                error -> assertThat(error).isEqualTo("line 4: itemId: is required for product_view"),
                error -> assertThat(error).startsWith("line 5: type: must be one of:"),
                error -> assertThat(error).startsWith("line 9: items[0].quantity: must be 1 to"));
        assertThat(grat.export("v-imp-1").events()).extracting(event -> event.id())
                .containsExactly("imp-e1", "imp-e2", "imp-e3", "imp-e6");
    }

    @Test
    void importEvents_twice_acceptsTheRetryWithoutStoringAnythingTwice() {
        grat.setConsent("v-imp-1", new ConsentChange(Map.of(Purpose.ANALYTICS, true), "test", "1", false));
        importer.importEvents(fixture("events.jsonl"));
        long stored = grat.stats().personalEvents();

        ImportReport again = importer.importEvents(fixture("events.jsonl"));

        assertThat(again.accepted()).isEqualTo(6);
        assertThat(grat.stats().personalEvents()).isEqualTo(stored);
    }

    @Test
    void importCatalog_missingFile_failsNamingTheFile(@TempDir Path directory) {
        Path missing = directory.resolve("nothing-here.csv");

        assertThatThrownBy(() -> importer.importCatalog(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("there is no such file");
    }

    @Test
    void import_drawsAProgressLineRedrawnInPlaceThatEndsAtFullPercent() {
        importer.importCatalog(fixture("catalog.csv"));

        String output = progress.toString(StandardCharsets.UTF_8);
        assertThat(output).startsWith("\r").contains("100%").contains("3 records").endsWith(System.lineSeparator());
    }

    private static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(ImporterTest.class.getResource("/importer/" + name),
                    "missing test resource " + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
