package dev.grat.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The flags of {@code ./grat bench load}.
 *
 * @param rate          events per second to send, as batches at a constant rate
 * @param seconds       how long to send
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
 */
public record LoadOptions(int rate, int seconds, Optional<String> store, int decisionsRate, int recommendRate,
                          int batch, int connections, int items, int visitors, long seed, int nodes) {

    public LoadOptions {
        require(rate >= 1, "--rate must be at least 1, was " + rate);
        require(seconds >= 1, "--seconds must be at least 1, was " + seconds);
        store.ifPresent(url -> require(url.startsWith("jdbc:postgresql://"),
                "--store must be jdbc:postgresql://HOST:PORT/DB, was " + url));
        require(decisionsRate >= 0, "--decisions-rate must not be negative, was " + decisionsRate);
        require(recommendRate >= 0, "--recommend-rate must not be negative, was " + recommendRate);
        require(batch >= 1 && batch <= 1000, "--batch must be between 1 and 1000, was " + batch);
        require(connections >= 1, "--connections must be at least 1, was " + connections);
        require(items >= 10, "--items must be at least 10, was " + items);
        require(visitors >= 10, "--visitors must be at least 10, was " + visitors);
        require(nodes == 1 || nodes == 2, "--nodes must be 1 or 2, was " + nodes);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(20_000, 30, Optional.empty(), 0, 100, 100, 64, 10_000, 20_000, 1, 1);
    }

    /** Parses {@code --flag value} pairs over the defaults. */
    public static LoadOptions parse(List<String> args) {
        LoadOptions options = defaults();
        for (int i = 0; i < args.size(); i += 2) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            options = options.with(flag, args.get(i + 1));
        }
        // Checked once every flag is read, so that --nodes may come before --store.
        require(options.nodes() == 1 || options.store().isPresent(), "--nodes 2 (cluster mode) needs --store"
                + " jdbc:postgresql://...: the nodes of a cluster share one PostgreSQL database");
        return options;
    }

    private LoadOptions with(String flag, String value) {
        return switch (flag) {
            case "--rate" -> new LoadOptions(number(flag, value), seconds, store, decisionsRate, recommendRate, batch,
                    connections, items, visitors, seed, nodes);
            case "--seconds" -> new LoadOptions(rate, number(flag, value), store, decisionsRate, recommendRate, batch,
                    connections, items, visitors, seed, nodes);
            case "--store" -> new LoadOptions(rate, seconds, Optional.of(value), decisionsRate, recommendRate, batch,
                    connections, items, visitors, seed, nodes);
            case "--decisions-rate" -> new LoadOptions(rate, seconds, store, number(flag, value), recommendRate,
                    batch, connections, items, visitors, seed, nodes);
            case "--recommend-rate" -> new LoadOptions(rate, seconds, store, decisionsRate, number(flag, value),
                    batch, connections, items, visitors, seed, nodes);
            case "--batch" -> new LoadOptions(rate, seconds, store, decisionsRate, recommendRate, number(flag, value),
                    connections, items, visitors, seed, nodes);
            case "--connections" -> new LoadOptions(rate, seconds, store, decisionsRate, recommendRate, batch,
                    number(flag, value), items, visitors, seed, nodes);
            case "--items" -> new LoadOptions(rate, seconds, store, decisionsRate, recommendRate, batch, connections,
                    number(flag, value), visitors, seed, nodes);
            case "--visitors" -> new LoadOptions(rate, seconds, store, decisionsRate, recommendRate, batch,
                    connections, items, number(flag, value), seed, nodes);
            case "--seed" -> new LoadOptions(rate, seconds, store, decisionsRate, recommendRate, batch, connections,
                    items, visitors, number(flag, value), nodes);
            case "--nodes" -> new LoadOptions(rate, seconds, store, decisionsRate, recommendRate, batch, connections,
                    items, visitors, seed, number(flag, value));
            default -> throw new IllegalArgumentException("unknown flag " + flag + "; known: --rate --seconds --store"
                    + " --nodes --decisions-rate --recommend-rate --batch --connections --items --visitors --seed");
        };
    }

    public String describe() {
        return String.format(Locale.ROOT, "rate %,d events/s in batches of %d · %d s · %s · store %s · decisions"
                        + " %d/s · recommendations %d/s · %d connections · items %,d · visitors %,d · seed %d", rate,
                batch, seconds, nodes == 1 ? "1 node" : nodes + " nodes in cluster mode (Kafka in this JVM)",
                store.map(LoadOptions::masked).orElse("embedded (SQLite, synchronous full)"), decisionsRate,
                recommendRate, connections, items, visitors, seed);
    }

    private static String masked(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    private static int number(String flag, String value) {
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
