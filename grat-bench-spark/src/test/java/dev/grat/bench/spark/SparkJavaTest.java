package dev.grat.bench.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkJavaTest {

    @TempDir
    Path dir;

    private Path javaHome(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    void featureOf_readsTheFeatureVersion_ofNewAndOldVersionStrings() {
        assertThat(SparkJava.featureOf("JAVA_VERSION=\"17.0.15\"")).isEqualTo(17);
        assertThat(SparkJava.featureOf("JAVA_VERSION=\"21\"")).isEqualTo(21);
        assertThat(SparkJava.featureOf("JAVA_VERSION=\"1.8.0_392\"")).isEqualTo(8);
    }

    @Test
    void find_acceptsAGivenJava17() throws IOException {
        Path home = javaHome("jdk17", "17.0.15");

        assertThat(SparkJava.find(Optional.of(home))).isEqualTo(home);
    }

    @Test
    void find_refusesAGivenJava25_whichSparkCannotRunOn() throws IOException {
        Path home = javaHome("jdk25", "25.0.3");

        assertThatThrownBy(() -> SparkJava.find(Optional.of(home)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Java 25").hasMessageContaining("17 or 21");
    }

    @Test
    void find_refusesAFolderThatIsNoJavaHome() {
        assertThatThrownBy(() -> SparkJava.find(Optional.of(dir)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Java home");
    }
}
