package dev.grat.server.importer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    @Test
    void next_splitsOnCommasOutsideQuotes() throws IOException {
        assertThat(records("a,\"b, c\",d\n")).containsExactly(List.of("a", "b, c", "d"));
    }

    @Test
    void next_readsDoubledQuotesAsOneQuote() throws IOException {
        assertThat(records("\"The \"\"Classic\"\" Tote\",x\n")).containsExactly(List.of("The \"Classic\" Tote", "x"));
    }

    @Test
    void next_keepsLineBreaksInsideQuotesAndCountsLinesFromTheRecordStart() throws IOException {
        CsvReader csv = new CsvReader(new StringReader("h1,h2\r\n1,\"two\nlines\"\r\n3,x"));

        assertThat(csv.next()).containsExactly("h1", "h2");
        assertThat(csv.next()).containsExactly("1", "two\nlines");
        assertThat(csv.recordLine()).isEqualTo(2);
        assertThat(csv.next()).containsExactly("3", "x");
        assertThat(csv.recordLine()).isEqualTo(4);
        assertThat(csv.next()).isNull();
    }

    @Test
    void next_readsEmptyFieldsAndEmptyQuotedFields() throws IOException {
        assertThat(records(",\"\",\n")).containsExactly(List.of("", "", ""));
    }

    @Test
    void next_unclosedQuote_failsNamingTheLineWhereTheFieldStarts() {
        CsvReader csv = new CsvReader(new StringReader("a,b\n1,\"open\n2,3\n"));

        assertThatThrownBy(() -> {
            csv.next();
            csv.next();
        }).isInstanceOfSatisfying(CsvReader.CsvFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains("not closed");
        });
    }

    @Test
    void next_textAfterAClosingQuote_fails() {
        CsvReader csv = new CsvReader(new StringReader("\"a\"b,c\n"));

        assertThatThrownBy(csv::next).isInstanceOf(CsvReader.CsvFormatException.class)
                .hasMessageContaining("after a closing quote");
    }

    private static List<List<String>> records(String text) throws IOException {
        CsvReader csv = new CsvReader(new StringReader(text));
        List<List<String>> records = new ArrayList<>();
        List<String> record;
        while ((record = csv.next()) != null) {
            records.add(record);
        }
        return records;
    }
}
