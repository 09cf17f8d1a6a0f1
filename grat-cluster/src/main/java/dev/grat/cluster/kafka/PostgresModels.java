package dev.grat.cluster.kafka;

import dev.grat.recommend.ModelRepository;
import dev.grat.recommend.model.ModelFiles;
import dev.grat.recommend.model.TrainedModel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The learned model in PostgreSQL ({@code cluster_models}), shared by every node: the leader saves each model it
 * trains, the others load the newest one ({@link #newer()}).
 */
final class PostgresModels implements ModelRepository {

    private final ClusterDatabase database;
    private final AtomicLong versionInUse = new AtomicLong(-1);

    PostgresModels(ClusterDatabase database) {
        this.database = database;
    }

    @Override
    public void save(TrainedModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelFiles.write(model, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise the model", e);
        }
        versionInUse.set(database.saveModel(bytes.toByteArray()));
    }

    @Override
    public Optional<TrainedModel> load() {
        return database.newestModel().map(this::use);
    }

    /** The newest model if it is newer than the one this node uses. */
    Optional<TrainedModel> newer() {
        Optional<Long> newest = database.newestModelVersion();
        if (newest.isEmpty() || newest.get() <= versionInUse.get()) {
            return Optional.empty();
        }
        return load();
    }

    /** The version of the model in use here, -1 before the first. */
    long versionInUse() {
        return versionInUse.get();
    }

    private TrainedModel use(ClusterDatabase.Versioned versioned) {
        try {
            TrainedModel model = ModelFiles.read(new ByteArrayInputStream(versioned.bytes()));
            versionInUse.set(versioned.version());
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read model version " + versioned.version(), e);
        }
    }
}
