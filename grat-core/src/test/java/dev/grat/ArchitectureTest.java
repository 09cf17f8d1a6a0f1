package dev.grat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The core is plain Java: no HTTP, SQL, JSON or adapter code may leak into it. */
class ArchitectureTest {

    private static final List<String> FORBIDDEN = List.of("import java.sql", "import javax.sql", "import com.sun.net",
            "import java.net.http", "import com.fasterxml", "import dev.grat.server", "import dev.grat.store.sqlite",
            "import java.lang.reflect", "import javax.script");

    @Test
    void coreSources_importNoAdapterOrFramework() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> violations = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(line -> FORBIDDEN.stream().anyMatch(line::startsWith))
                            .map(line -> sources.relativize(p) + ": " + line);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(violations).isEmpty();
        }
    }
}
