package dev.grat.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The flags of {@code ./grat bench load}.
 *
 * @param rate          events per second to send, as batches at a constant rate
 * @param seconds       how long to send and measure
 * @param warmup        seconds of the same load before the measured seconds, whose latencies are not counted (the
 *                      first seconds of a fresh JVM compile the hot paths and stall for hundreds of milliseconds);
 *                      their events are stored and checked like the others
 * @param store         a PostgreSQL JDBC URL (a fresh schema is created and dropped), or empty for the embedded store
 * @param decisionsRate decisions per second ({@code POST /v1/decisions}, LinUCB), 0 for none
 * @param recommendRate recommendations per second asked while ingesting
 * @param batch         events per request
 * @param connections   most requests in flight from the generator (each sender waits for its answer)
 * @param items         catalog size
 * @param visitors      visitors sending events (70% consent)
 * @param seed          of every random choice
 * @param nodes         1, or 2 for two nodes in cluster mode on {@code store} and a Kafka broker in this JVM; the
 *                      generator alternates its requests between them
 * @param generator     where the generator runs: in a child JVM ({@code process}, the default), so that the nodes'
 *                      garbage collector does not also collect the generator's garbage, or in the nodes' JVM
 *                      ({@code in-process}, the way before, for comparison)
 */
public record LoadOptions(int rate, int seconds, int warmup, Optional<String> store, int decisionsRate,
                          int recommendRate, int batch, int connections, int items, int visitors, long seed,
                          int nodes, Generator generator) {

    /** Where the load generator runs ({@code --generator}). */
    public enum Generator {
        /** In the nodes' JVM, sharing their heap and their garbage collector's pauses. */
        IN_PROCESS("in-process"),
        /** In a child JVM of its own ({@link GeneratorProcess}), as a real node's clients are. */
        PROCESS("process");

        private final String flag;

        Generator(String flag) {
            this.flag = flag;
        }

        static Generator of(String value) {
            for (Generator generator : values()) {
                if (generator.flag.equals(value)) {
                    return generator;
                }
            }
            throw new IllegalArgumentException("--generator must be in-process or process, was \"" + value + "\"");
        }
    }

    private static final List<String> FLAGS = List.of("--rate", "--seconds", "--warmup", "--store", "--nodes",
            "--decisions-rate", "--recommend-rate", "--batch", "--connections", "--items", "--visitors", "--seed",
            "--generator");

    public LoadOptions {
        require(rate >= 1, "--rate must be at least 1, was " + rate);
        require(seconds >= 1, "--seconds must be at least 1, was " + seconds);
        require(warmup >= 0, "--warmup must not be negative, was " + warmup);
        store.ifPresent(url -> require(url.startsWith("jdbc:postgresql://"),
                "--store must be jdbc:postgresql://HOST:PORT/DB, was " + url));
        require(decisionsRate >= 0, "--decisions-rate must not be negative, was " + decisionsRate);
        require(recommendRate >= 0, "--recommend-rate must not be negative, was " + recommendRate);
        require(batch >= 1 && batch <= 1000, "--batch must be between 1 and 1000, was " + batch);
        require(connections >= 1, "--connections must be at least 1, was " + connections);
        require(items >= 10, "--items must be at least 10, was " + items);
        require(visitors >= 10, "--visitors must be at least 10, was " + visitors);
        require(nodes == 1 || nodes == 2, "--nodes must be 1 or 2, was " + nodes);
        require(generator != null, "--generator must be in-process or process");
    }

    public static LoadOptions defaults() {
        return new LoadOptions(20_000, 30, 5, Optional.empty(), 0, 100, 100, 64, 10_000, 20_000, 1, 1,
                Generator.PROCESS);
    }

    /** Parses {@code --flag value} pairs over the defaults. */
    public static LoadOptions parse(List<String> args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String flag = args.get(i);
            if (!FLAGS.contains(flag)) {
                throw new IllegalArgumentException("unknown flag " + flag + "; known: " + String.join(" ", FLAGS));
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            flags.put(flag, args.get(i + 1));
        }
        LoadOptions d = defaults();
        LoadOptions options = new LoadOptions(number(flags, "--rate", d.rate), number(flags, "--seconds", d.seconds),
                number(flags, "--warmup", d.warmup), Optional.ofNullable(flags.get("--store")),
                number(flags, "--decisions-rate", d.decisionsRate), number(flags, "--recommend-rate", d.recommendRate),
                number(flags, "--batch", d.batch), number(flags, "--connections", d.connections),
                number(flags, "--items", d.items), number(flags, "--visitors", d.visitors),
                number(flags, "--seed", (int) d.seed), number(flags, "--nodes", d.nodes),
                flags.containsKey("--generator") ? Generator.of(flags.get("--generator")) : d.generator);
        require(options.nodes() == 1 || options.store().isPresent(), "--nodes 2 (cluster mode) needs --store"
                + " jdbc:postgresql://...: the nodes of a cluster share one PostgreSQL database");
        return options;
    }

    public String describe() {
        return String.format(Locale.ROOT, "rate %,d events/s in batches of %d · %d s after %d s of warm-up · %s"
                        + " · store %s · decisions %d/s · recommendations %d/s · %d connections · items %,d"
                        + " · visitors %,d · seed %d · %s", rate, batch, seconds, warmup,
                nodes == 1 ? "1 node" : nodes + " nodes in cluster mode (Kafka in this JVM)",
                store.map(LoadOptions::masked).orElse("embedded (SQLite, synchronous full)"), decisionsRate,
                recommendRate, connections, items, visitors, seed, generator == Generator.PROCESS
                        ? "generator in a child JVM" : "generator in the nodes' JVM (--generator in-process)");
    }

    /**
     * The flags the generator needs, for its child JVM: not {@code --store} (the generator never opens the store,
     * and a password in it would show in {@code ps}), nor {@code --nodes} (the child is given the nodes' URIs).
     */
    List<String> generatorFlags() {
        return List.of("--rate", String.valueOf(rate), "--seconds", String.valueOf(seconds), "--warmup",
                String.valueOf(warmup), "--decisions-rate", String.valueOf(decisionsRate), "--recommend-rate",
                String.valueOf(recommendRate), "--batch", String.valueOf(batch), "--connections",
                String.valueOf(connections), "--items", String.valueOf(items), "--visitors", String.valueOf(visitors),
                "--seed", String.valueOf(seed));
    }

    private static String masked(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    private static int number(Map<String, String> flags, String flag, int otherwise) {
        String value = flags.get(flag);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, was \"" + value + "\"");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
