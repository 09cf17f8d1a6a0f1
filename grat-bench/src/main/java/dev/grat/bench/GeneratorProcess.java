package dev.grat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Runs the load generator in a child JVM ({@link LoadGeneratorMain}): the same java binary and class path as this
 * JVM, no JVM flags of the nodes' ({@code GRAT_JAVA_OPTS} is for them). The child's output is copied line by line to
 * this run's {@code out} and {@code err}; the secret key reaches it through the environment, because {@code ps} shows
 * every argument; the indices of its acknowledged event requests come back in a temporary file.
 */
final class GeneratorProcess {

    /** The environment variable that hands the nodes' secret key to the child. */
    static final String KEY_VARIABLE = "GRAT_LOAD_SECRET_KEY";

    /** The child failed, or did not finish in time: the run has no results. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private GeneratorProcess() {
    }

    /** Drives the load from a child JVM against {@code nodes}; returns the event requests it saw acknowledged. */
    static DeliveryCheck run(List<URI> nodes, String key, String run, LoadOptions options, PrintStream out,
                             PrintStream err) {
        Path acknowledged;
        try {
            acknowledged = Files.createTempFile("grat-load-acknowledged-", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file of acknowledged requests", e);
        }
        try {
            List<String> args = new ArrayList<>(List.of("--uris",
                    nodes.stream().map(URI::toString).collect(Collectors.joining(",")), "--run", run,
                    "--acknowledged", acknowledged.toString()));
            args.addAll(options.generatorFlags());
            // The run may take much longer than its seconds when the nodes fall behind: the queue is drained.
            launch(args, key, Duration.ofSeconds(300 + 3L * (options.warmup() + options.seconds())), out, err);
            return DeliveryCheck.readFrom(acknowledged);
        } finally {
            try {
                Files.deleteIfExists(acknowledged);
            } catch (IOException e) {
                err.println("grat bench load: cannot delete " + acknowledged + ": " + e.getMessage());
            }
        }
    }

    /**
     * Starts {@link LoadGeneratorMain} with {@code args} and {@code key}, copies its output and waits for it; throws
     * {@link Failed} when it exits with a status other than 0 or is still running after {@code patience}.
     */
    static void launch(List<String> args, String key, Duration patience, PrintStream out, PrintStream err) {
        List<String> command = new ArrayList<>(List.of(java(), "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), LoadGeneratorMain.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(KEY_VARIABLE, key);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Failed("cannot start the load generator's JVM (" + command.getFirst() + "): " + e.getMessage());
        }
        // Should this JVM be stopped (Ctrl-C, kill), the child goes with it rather than loading nodes that are gone.
        Thread reaper = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(reaper);
        AtomicReference<String> lastError = new AtomicReference<>();
        Thread copyOut = copy(process.getInputStream(), out, new AtomicReference<>());
        Thread copyErr = copy(process.getErrorStream(), err, lastError);
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new Failed("the load generator's JVM did not finish within " + patience.toSeconds()
                        + " s and was stopped");
            }
            copyOut.join();
            copyErr.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted while waiting for the load generator's JVM");
        } finally {
            process.destroyForcibly();
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway.
            }
        }
        if (process.exitValue() != 0) {
            throw new Failed("the load generator's JVM (" + LoadGeneratorMain.class.getSimpleName() + ") exited with"
                    + " status " + process.exitValue() + (lastError.get() == null ? "" : ": " + lastError.get()));
        }
    }

    /** The java binary of this JVM. */
    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Copies {@code from}'s lines to {@code to}, keeping the last non-blank one. */
    private static Thread copy(InputStream from, PrintStream to, AtomicReference<String> last) {
        return Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    to.println(line);
                    if (!line.isBlank()) {
                        last.set(line);
                    }
                }
            } catch (IOException e) {
                to.println("grat bench load: lost the load generator's output: " + e.getMessage());
            }
        });
    }
}
