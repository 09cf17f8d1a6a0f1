package dev.grat.recommend;

import dev.grat.recommend.model.ModelFiles;
import dev.grat.recommend.model.TrainedModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where the trained model is kept between runs. Models hold item-side parameters only, never a visitor's
 * data, so a model file never needs erasing; a retraining replaces it.
 */
public interface ModelRepository {

    /** Keeps the model, replacing the previous one atomically. */
    void save(TrainedModel model);

    /** The last model saved, if any. */
    Optional<TrainedModel> load();

    /** Nothing is kept: every start begins without a model until the first training. */
    static ModelRepository inMemoryOnly() {
        return new ModelRepository() {
            @Override
            public void save(TrainedModel model) {
            }

            @Override
            public Optional<TrainedModel> load() {
                return Optional.empty();
            }
        };
    }

    /** The model as one file {@code model.bin} in {@code directory}, written to a temporary file and moved. */
    static ModelRepository inDirectory(Path directory) {
        return new ModelRepository() {
            private final Path file = directory.resolve("model.bin");

            @Override
            public void save(TrainedModel model) {
                try {
                    Files.createDirectories(directory);
                    Path temporary = Files.createTempFile(directory, "model", ".tmp");
                    ModelFiles.save(model, temporary);
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not save the model to " + file, e);
                }
            }

            @Override
            public Optional<TrainedModel> load() {
                if (!Files.exists(file)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(ModelFiles.load(file));
                } catch (IOException e) {
                    throw new UncheckedIOException("could not load the model from " + file
                            + "; delete it to retrain from the stored events", e);
                }
            }
        };
    }
}
