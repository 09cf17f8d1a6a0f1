package dev.grat.server.cli;

import dev.grat.EngineSettings;
import dev.grat.cluster.kafka.ClusterOptions;
import dev.grat.Grat;
import dev.grat.privacy.policy.DataPolicy;
import dev.grat.privacy.pseudonym.PseudonymKeys;
import dev.grat.recommend.ModelRepository;
import dev.grat.recommend.ModelSettings;
import dev.grat.server.config.PolicyFile;
import dev.grat.server.config.PseudonymKeyFile;
import dev.grat.server.config.ServerConfig;
import dev.grat.store.Store;
import dev.grat.store.postgres.PostgresStore;
import dev.grat.store.sqlite.SqliteDecisions;
import dev.grat.store.sqlite.SqliteOptions;
import dev.grat.store.sqlite.SqliteStore;

import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Opens the engine on the store a config names: the PostgreSQL database of {@code store} if set, else the embedded
 * store of the data directory. The CLI's composition root.
 */
final class Engines {

    private Engines() {
    }

    static Grat open(ServerConfig config) {
        return open(config, Clock.systemUTC());
    }

    /** Opens the engine on {@code clock} (tests move it to let retention periods pass). */
    static Grat open(ServerConfig config, Clock clock) {
        return open(config, clock, UnaryOperator.identity());
    }

    /** As {@link #open(ServerConfig, Clock)}, with cluster mode's options changed (tests: one Kafka broker). */
    static Grat open(ServerConfig config, Clock clock, UnaryOperator<ClusterOptions> cluster) {
        // An invalid policy refuses the start before any data is opened.
        DataPolicy policy = config.policyFile().map(PolicyFile::load).orElseGet(DataPolicy::defaultPolicy);
        PseudonymKeys pseudonymKeys = PseudonymKeyFile.resolve(config);
        ClusterWiring.check(config);
        Store store = openStore(config);
        try {
            Grat.Builder builder = Grat.builder()
                    .store(store)
                    .clock(clock)
                    .policy(policy)
                    .pseudonymKeys(pseudonymKeys)
                    .settings(EngineSettings.defaults().withMaxBatchSize(config.maxBatchSize()))
                    .models(ModelSettings.defaults())
                    .modelRepository(ModelRepository.inDirectory(config.dataDir().resolve("models")));
            if (store instanceof SqliteStore embedded) {
                // Decisions live in the embedded store's database; on another store they are kept in memory only.
                SqliteDecisions decisions = SqliteDecisions.open(embedded);
                builder.decisionLog(decisions.log()).decisionState(decisions.state());
            }
            if (config.kafka().isPresent()) {
                return ClusterWiring.join(config, store, builder, cluster);
            }
            return builder.build();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * PostgreSQL's durability is the server's ({@code synchronous_commit}, which the store checks); the
     * {@code synchronous} setting applies to the embedded store only.
     */
    static Store openStore(ServerConfig config) {
        if (config.store().isPresent()) {
            return PostgresStore.open(config.store().get());
        }
        SqliteOptions options = SqliteOptions.defaults().withSynchronous(switch (config.synchronous()) {
            case FULL -> SqliteOptions.Synchronous.FULL;
            case NORMAL -> SqliteOptions.Synchronous.NORMAL;
        });
        return SqliteStore.open(config.dataDir(), options);
    }
}
