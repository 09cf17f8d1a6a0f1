package dev.grat.bench.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Java that runs the Spark worker. Spark 4.0 supports Java 17 and 21; on Java 23 and newer it does
 * not start, because Hadoop's UserGroupInformation calls {@code Subject.getSubject}, which those JDKs removed.
 */
final class SparkJava {

    static final Path JVM_FOLDER = Path.of("/usr/lib/jvm");
    private static final List<Integer> SUPPORTED = List.of(17, 21);

    private SparkJava() {
    }

    /** The given Java home if it is a supported version, else the first Java 17, then 21, under /usr/lib/jvm. */
    static Path find(Optional<Path> given) throws IOException {
        if (given.isPresent()) {
            Path home = given.get();
            int major = major(home).orElseThrow(() -> new IllegalArgumentException("--spark-java " + home
                    + " is not a Java home (no bin/java and release file)"));
            if (!SUPPORTED.contains(major)) {
                throw new IllegalArgumentException("--spark-java " + home + " is Java " + major
                        + "; Spark 4.0 runs on Java 17 or 21");
            }
            return home;
        }
        for (int wanted : SUPPORTED) {
            try (Stream<Path> homes = Files.list(JVM_FOLDER)) {
                Optional<Path> found = homes.sorted().filter(h -> major(h).orElse(0) == wanted).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException noFolder) {
                break;
            }
        }
        throw new IllegalArgumentException("no Java 17 or 21 found under " + JVM_FOLDER + " for Spark; install one"
                + " (Debian: apt-get install openjdk-17-jre-headless) or give --spark-java HOME");
    }

    /** The feature version in the home's {@code release} file (JAVA_VERSION="17.0.15" is 17), if it has a java. */
    static Optional<Integer> major(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(release)) {
            return lines.filter(l -> l.startsWith("JAVA_VERSION=")).findFirst().map(SparkJava::featureOf);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    static int featureOf(String line) {
        String version = line.substring(line.indexOf('=') + 1).replace("\"", "").trim();
        String first = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < first.length() && Character.isDigit(first.charAt(end))) {
            end++;
        }
        return Integer.parseInt(first.substring(0, end));
    }
}
