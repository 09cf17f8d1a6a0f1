package dev.grat.server.cli;

import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.recommend.ModelRepository;
import dev.grat.recommend.ModelSettings;
import dev.grat.server.config.ServerConfig;
import dev.grat.store.sqlite.SqliteOptions;
import dev.grat.store.sqlite.SqliteStore;

/** Opens the engine on the embedded store of a config's data directory: the CLI's composition root. */
final class Engines {

    private Engines() {
    }

    static Grat open(ServerConfig config) {
        SqliteOptions options = SqliteOptions.defaults().withSynchronous(switch (config.synchronous()) {
            case FULL -> SqliteOptions.Synchronous.FULL;
            case NORMAL -> SqliteOptions.Synchronous.NORMAL;
        });
        SqliteStore store = SqliteStore.open(config.dataDir(), options);
        try {
            return Grat.builder()
                    .store(store)
                    .settings(EngineSettings.defaults().withMaxBatchSize(config.maxBatchSize()))
                    .models(ModelSettings.defaults())
                    .modelRepository(ModelRepository.inDirectory(config.dataDir().resolve("models")))
                    .build();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
