package dev.grat.recommend.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves and loads trained models in a small versioned binary format:
 * <pre>
 *   int magic 'GRTM', short format version, UTF kind, int item count, UTF item id per item, kind payload
 * </pre>
 * Floats are stored bit-exactly, so a loaded model scores exactly like the saved one. Saving writes a
 * temporary file beside the target and moves it into place, so a reader never sees half a model.
 */
public final class ModelFiles {

    static final int MAGIC = 0x4752_544D;
    static final short FORMAT_VERSION = 1;

    private ModelFiles() {
    }

    /** Writes the model to {@code path} atomically, replacing any model there. */
    public static void save(TrainedModel model, Path path) throws IOException {
        Path directory = path.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, path.getFileName().toString(), ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(temporary)) {
                write(model, file);
            }
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Reads a model saved by {@link #save}. */
    public static TrainedModel load(Path path) throws IOException {
        try (InputStream file = Files.newInputStream(path)) {
            return read(file);
        } catch (IOException e) {
            throw new IOException("cannot load model " + path + ": " + e.getMessage(), e);
        }
    }

    public static void write(TrainedModel model, OutputStream target) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(target, 1 << 16));
        out.writeInt(MAGIC);
        out.writeShort(FORMAT_VERSION);
        out.writeUTF(model.kind());
        IdIndex items = model.items();
        out.writeInt(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.writeUTF(items.id(i));
        }
        switch (model) {
            case AlsModel als -> als.writePayload(out);
            case EaseModel ease -> ease.writePayload(out);
            case ItemKnnModel knn -> knn.writePayload(out);
            case PopularityModel popularity -> popularity.writePayload(out);
        }
        out.flush();
    }

    public static TrainedModel read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(source, 1 << 16));
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("not a Grat model file (magic " + Integer.toHexString(magic) + ")");
        }
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new IOException("model format version " + version + " is not supported; this build reads version "
                    + FORMAT_VERSION);
        }
        String kind = in.readUTF();
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("corrupt model file: item count " + count);
        }
        List<String> ids = new ArrayList<>(Math.min(count, 1 << 20));
        for (int i = 0; i < count; i++) {
            ids.add(in.readUTF());
        }
        IdIndex items = IdIndex.of(ids);
        return switch (kind) {
            case AlsModel.KIND -> AlsModel.readPayload(in, items);
            case EaseModel.KIND -> EaseModel.readPayload(in, items);
            case ItemKnnModel.KIND -> ItemKnnModel.readPayload(in, items);
            case PopularityModel.KIND -> PopularityModel.readPayload(in, items);
            default -> throw new IOException("unknown model kind '" + kind + "'");
        };
    }
}
