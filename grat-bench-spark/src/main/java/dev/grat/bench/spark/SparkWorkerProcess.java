package dev.grat.bench.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Spark worker ({@code dev.grat.bench.spark.worker.SparkAlsWorker}) in a child JVM on Java 17 or 21, and the
 * line protocol to it. One worker serves every training of a run, so Spark starts once and its JIT is warm for
 * the timed trainings. Its log goes to a file, which an error quotes.
 */
final class SparkWorkerProcess implements AutoCloseable {

    static final String WORKER_CLASS = "dev.grat.bench.spark.worker.SparkAlsWorker";
    /** What Spark's launcher (JavaModuleOptions) adds on Java 17 and later; without them Spark fails at start. */
    static final List<String> SPARK_JVM_FLAGS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");
    private static final long REPLY_TIMEOUT_MINUTES = 30;
    private static final String END = "\u0000end";

    private final Process process;
    private final PrintWriter requests;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Path log;
    private final Ready ready;

    /** The worker's greeting: versions, master, and the BLAS and LAPACK Spark computes with. */
    record Ready(String sparkVersion, String javaVersion, String master, String blas, String lapack) {
    }

    /** One training's cost, measured inside the worker around {@code ALS.fit} only. */
    record Fit(double wallSeconds, double cpuSeconds, int users, int items) {
    }

    private SparkWorkerProcess(Process process, Path log) throws IOException {
        this.process = process;
        this.log = log;
        this.requests = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        Thread.ofVirtual().name("spark-worker-replies").start(this::readReplies);
        String[] greeting = expect("ready", 6);
        this.ready = new Ready(greeting[1], greeting[2], greeting[3], greeting[4], greeting[5]);
    }

    /** Starts a worker and waits until Spark is up. */
    static SparkWorkerProcess start(Path javaHome, String classpath, String heap, String master, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.add("-Xmx" + heap);
        command.addAll(SPARK_JVM_FLAGS);
        command.addAll(List.of("-cp", classpath, WORKER_CLASS, master));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Spark would otherwise bind to the first non-loopback address; this benchmark talks to itself only.
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // As Spark's guide to native BLAS advises: Spark runs its own tasks in parallel already.
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        builder.environment().put("MKL_NUM_THREADS", "1");
        Process process = builder.start();
        try {
            return new SparkWorkerProcess(process, log);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    Ready ready() {
        return ready;
    }

    /** Trains on {@code train} and, when {@code out} is given, writes each user's top {@code k} unseen items there. */
    Fit fit(Path train, SparkAlsSetting s, int k, Optional<Path> out) throws IOException {
        requests.println(String.join("\t", "fit", train.toAbsolutePath().toString(), Integer.toString(s.rank()),
                Integer.toString(s.iterations()), Double.toString(s.regParam()), Double.toString(s.alpha()),
                Long.toString(s.seed()), Integer.toString(s.blocks()), Integer.toString(k),
                out.map(p -> p.toAbsolutePath().toString()).orElse("-")));
        String[] reply = expect("fitted", 5);
        return new Fit(Double.parseDouble(reply[1]), Double.parseDouble(reply[2]), Integer.parseInt(reply[3]),
                Integer.parseInt(reply[4]));
    }

    private String[] expect(String kind, int fields) throws IOException {
        String line;
        try {
            line = replies.poll(REPLY_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the Spark worker");
        }
        if (line == null) {
            throw failure("gave no answer in " + REPLY_TIMEOUT_MINUTES + " minutes");
        }
        if (line.equals(END)) {
            throw failure("stopped");
        }
        String[] reply = line.split("\t", -1);
        if (!reply[0].equals(kind) || reply.length != fields) {
            throw failure("answered '" + line + "' instead of " + kind);
        }
        return reply;
    }

    private void readReplies() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                replies.add(line);
            }
        } catch (IOException closed) {
            // the worker is gone; the END marker below tells the waiting request
        }
        replies.add(END);
    }

    private IOException failure(String what) {
        return new IOException(String.format(Locale.ROOT, "the Spark worker %s; the end of its log (%s):%n%s", what,
                log, tail(log, 25)));
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException unreadable) {
            return "(unreadable: " + unreadable + ")";
        }
    }

    /** Asks the worker to stop Spark and exit; ends it if it has not after a minute. */
    @Override
    public void close() {
        requests.println("quit");
        requests.close();
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
