package dev.grat.recommend.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFilesTest {

    @TempDir
    Path directory;

    private final PlantedData data = new PlantedData(21, 4, 25, 15);

    private List<TrainedModel> models() {
        return List.of(
                new AlsTrainer(AlsParams.defaults().withFactors(6).withIterations(4).withThreads(2)).train(data.train),
                new EaseTrainer(new EaseParams(20, 2)).train(data.train),
                new ItemKnnTrainer(new ItemKnnParams(8, 5, 2)).train(data.train),
                PopularityModel.train(data.train));
    }

    @Test
    void saveThenLoad_givesTheSameModelBitForBit() throws IOException {
        UserHistory history = data.train.historyOf(0);
        for (TrainedModel model : models()) {
            Path file = directory.resolve(model.kind() + ".model");
            ModelFiles.save(model, file);
            TrainedModel loaded = ModelFiles.load(file);

            assertThat(loaded).isInstanceOf(model.getClass());
            assertThat(loaded.items()).isEqualTo(model.items());
            assertThat(loaded.describe()).isEqualTo(model.describe());
            assertThat(bits(loaded.scores(history))).as(model.kind()).containsExactly(bits(model.scores(history)));
            assertThat(bits(loaded.similarTo(2))).as(model.kind()).containsExactly(bits(model.similarTo(2)));
            assertThat(bytesOf(loaded)).as(model.kind()).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void save_replacesAnExistingModelAndLeavesNoTemporaryFile() throws IOException {
        Path file = directory.resolve("current.model");
        ModelFiles.save(PopularityModel.train(data.train), file);
        ModelFiles.save(new ItemKnnTrainer(new ItemKnnParams(8, 5, 1)).train(data.train), file);
        assertThat(ModelFiles.load(file).kind()).isEqualTo("item-knn");
        try (var files = Files.list(directory)) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    @Test
    void load_rejectsAFileThatIsNotAModel() throws IOException {
        Path file = directory.resolve("notes.txt");
        Files.writeString(file, "hello, this is not a model");
        assertThatThrownBy(() -> ModelFiles.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a Grat model file");
    }

    @Test
    void load_rejectsATruncatedModel() throws IOException {
        byte[] whole = bytesOf(new AlsTrainer(AlsParams.defaults().withFactors(4).withIterations(2)).train(data.train));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 10);
        assertThatThrownBy(() -> ModelFiles.read(new ByteArrayInputStream(truncated))).isInstanceOf(IOException.class);
    }

    @Test
    void load_rejectsAnotherFormatVersion() throws IOException {
        byte[] bytes = bytesOf(PopularityModel.train(data.train));
        bytes[5] = 9;
        assertThatThrownBy(() -> ModelFiles.read(new ByteArrayInputStream(bytes))).isInstanceOf(IOException.class)
                .hasMessageContaining("version 9 is not supported");
    }

    private static byte[] bytesOf(TrainedModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFiles.write(model, out);
        return out.toByteArray();
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
