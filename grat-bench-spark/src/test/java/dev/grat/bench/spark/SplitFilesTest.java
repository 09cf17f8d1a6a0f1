package dev.grat.bench.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitFilesTest {

    @TempDir
    Path dir;

    @Test
    void write_putsOneTabSeparatedLinePerRow_inOrder_wholeRatingsWithoutDecimals() throws IOException {
        Path file = dir.resolve("train.tsv");
        SplitFiles.write(file, List.of(new SplitRow("7", "31", 2.5, 1260759144L),
                new SplitRow("1", "1029", 3.0, 1260759179L)));

        assertThat(Files.readAllLines(file)).containsExactly("7\t31\t2.5\t1260759144", "1\t1029\t3\t1260759179");
    }

    @Test
    void readLists_givesEachUsersItemsBestFirst() throws IOException {
        Path file = dir.resolve("lists.tsv");
        Files.write(file, List.of("u1\tb\ta\tc", "", "u2\tz"));

        Map<String, List<String>> lists = SplitFiles.readLists(file);

        assertThat(lists).containsOnlyKeys("u1", "u2");
        assertThat(lists.get("u1")).containsExactly("b", "a", "c");
        assertThat(lists.get("u2")).containsExactly("z");
    }

    @Test
    void readLists_refusesAUserListedTwice_namingFileLineAndUser() throws IOException {
        Path file = dir.resolve("lists.tsv");
        Files.write(file, List.of("u1\ta", "u1\tb"));

        assertThatThrownBy(() -> SplitFiles.readLists(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("'u1'");
    }

    @Test
    void splitRow_refusesAnIdWithATab() {
        assertThatThrownBy(() -> new SplitRow("a\tb", "1", 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("user");
    }
}
