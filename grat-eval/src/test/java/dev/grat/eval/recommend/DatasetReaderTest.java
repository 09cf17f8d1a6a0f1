package dev.grat.eval.recommend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetReaderTest {

    @TempDir
    Path directory;

    @Test
    void readsMovieLens100kTabSeparated() throws IOException {
        Path file = write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
        assertThat(DatasetReader.detect(file)).isEqualTo(DatasetReader.Format.ML100K);
        Dataset data = DatasetReader.read(file, DatasetReader.Format.ML100K);
        assertThat(data.ratings()).containsExactly(new Rating("196", "242", 3, 881250949, 1),
                new Rating("186", "302", 3, 891717742, 2));
        assertThat(data.weighted()).isFalse();
    }

    @Test
    void readsMovieLensRatingsCsv_skippingTheHeader() throws IOException {
        Path file = write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,3.5,964981247\n");
        assertThat(DatasetReader.detect(file)).isEqualTo(DatasetReader.Format.MOVIELENS);
        Dataset data = DatasetReader.read(file, DatasetReader.Format.MOVIELENS);
        assertThat(data.ratings()).extracting(Rating::item, Rating::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", 4.0), org.assertj.core.groups.Tuple.tuple("3", 3.5));
    }

    @Test
    void readsSequences_withThePositionAsTime() throws IOException {
        Path file = write("Beauty.txt", "1 10 11 12\n2 11 13\n");
        assertThat(DatasetReader.detect(file)).isEqualTo(DatasetReader.Format.SEQUENCES);
        Dataset data = DatasetReader.read(file, DatasetReader.Format.SEQUENCES);
        assertThat(data.ratings()).hasSize(5);
        assertThat(data.ratings().get(2)).isEqualTo(new Rating("1", "12", 1, 3, 2));
        assertThat(data.ratings().get(4).timestamp()).isEqualTo(2);
    }

    @Test
    void readsGenericCsv_withEventTypesWeighedAndAnOptionalHeader() throws IOException {
        Path file = write("events.csv", """
                user,item,timestamp,type
                ann,shoe,2024-05-01T10:00:00Z,product_view
                ann,shoe,1714557700,purchase
                bob,hat,1714557800,search
                bob,sock,1714557900,2.5
                """);
        assertThat(DatasetReader.detect(file)).isEqualTo(DatasetReader.Format.CSV);
        Dataset data = DatasetReader.read(file, DatasetReader.Format.CSV);
        assertThat(data.weighted()).isTrue();
        assertThat(data.ratings()).extracting(Rating::value).containsExactly(1.0, 5.0, 2.5);
        assertThat(data.ratings().getFirst().timestamp()).isEqualTo(1714557600L);
    }

    @Test
    void readsSplitFiles() throws IOException {
        Path file = write("train.tsv", "u1\ti1\t4\t100\n");
        assertThat(DatasetReader.detect(file)).isEqualTo(DatasetReader.Format.SPLIT);
        assertThat(DatasetReader.read(file, DatasetReader.Format.SPLIT).ratings())
                .containsExactly(new Rating("u1", "i1", 4, 100, 1));
    }

    @Test
    void malformedLine_isAnErrorNamingFileLineAndField() throws IOException {
        Path file = write("u.data", "1\t2\t5\t100\n1\t3\tfive\t101\n");
        assertThatThrownBy(() -> DatasetReader.read(file, DatasetReader.Format.ML100K))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("u.data line 2").hasMessageContaining("value must be a number");
    }

    @Test
    void unknownEventType_isAnErrorListingTheKnownOnes() throws IOException {
        Path file = write("events.csv", "ann,shoe,100,wishlist\n");
        assertThatThrownBy(() -> DatasetReader.read(file, DatasetReader.Format.CSV))
                .hasMessageContaining("line 1").hasMessageContaining("purchase");
    }

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
