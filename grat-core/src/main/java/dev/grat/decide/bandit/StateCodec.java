package dev.grat.decide.bandit;

import dev.grat.experiment.Experiment;
import dev.grat.experiment.Variant;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte formats of the decision service's state entries (version 1, {@link DataOutputStream}):
 * <pre>
 * managed policy:  int magic "GRTM"  short 1  long createdAt seconds  int nanos  boolean warmStarted
 *                  [long seconds  int nanos]  int length  byte[length] {@link PolicyCodec policy state}
 * experiment:      int magic "GRTX"  short 1  UTF slot  UTF id  UTF salt  boolean running  int variants
 *                  then per variant: UTF name  double weight  {@link PolicyCodec policy config}
 * </pre>
 */
final class StateCodec {

    private static final int POLICY_MAGIC = 0x4752544D;
    private static final int EXPERIMENT_MAGIC = 0x47525458;
    private static final short VERSION = 1;

    private StateCodec() {
    }

    static byte[] writePolicy(ManagedPolicy managed) {
        return write(out -> {
            out.writeInt(POLICY_MAGIC);
            out.writeShort(VERSION);
            writeInstant(managed.createdAt(), out);
            Instant warm = managed.warmStartedAt();
            out.writeBoolean(warm != null);
            if (warm != null) {
                writeInstant(warm, out);
            }
            byte[] policy = managed.policy().toBytes();
            out.writeInt(policy.length);
            out.write(policy);
        });
    }

    static ManagedPolicy readPolicy(String key, byte[] bytes) {
        return read(bytes, in -> {
            header(in, POLICY_MAGIC, "policy " + key);
            Instant created = readInstant(in);
            Instant warm = in.readBoolean() ? readInstant(in) : null;
            byte[] policy = new byte[in.readInt()];
            in.readFully(policy);
            return new ManagedPolicy(key, Policies.fromBytes(policy), created, warm);
        });
    }

    static byte[] writeExperiment(SlotExperiment experiment) {
        return write(out -> {
            out.writeInt(EXPERIMENT_MAGIC);
            out.writeShort(VERSION);
            out.writeUTF(experiment.slot());
            out.writeUTF(experiment.id());
            out.writeUTF(experiment.experiment().salt());
            out.writeBoolean(experiment.running());
            out.writeInt(experiment.experiment().variants().size());
            for (Variant variant : experiment.experiment().variants()) {
                out.writeUTF(variant.name());
                out.writeDouble(variant.weight());
                PolicyCodec.writeConfig(experiment.arms().get(variant.name()), out);
            }
        });
    }

    static SlotExperiment readExperiment(byte[] bytes) {
        return read(bytes, in -> {
            header(in, EXPERIMENT_MAGIC, "experiment");
            String slot = in.readUTF();
            String id = in.readUTF();
            String salt = in.readUTF();
            boolean running = in.readBoolean();
            int count = in.readInt();
            List<Variant> variants = new ArrayList<>();
            Map<String, PolicyConfig> arms = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                Variant variant = new Variant(in.readUTF(), in.readDouble());
                variants.add(variant);
                arms.put(variant.name(), PolicyCodec.readConfig(in));
            }
            return new SlotExperiment(slot, new Experiment(id, salt, variants), arms, running);
        });
    }

    private static void header(DataInputStream in, int magic, String what) throws IOException {
        int found = in.readInt();
        if (found != magic) {
            throw new IllegalArgumentException("stored " + what + " is not in Grat's format (magic " + Integer.toHexString(found) + ")");
        }
        short version = in.readShort();
        if (version != VERSION) {
            throw new IllegalArgumentException("stored " + what + " has version " + version + "; this Grat reads version " + VERSION);
        }
    }

    private static void writeInstant(Instant at, DataOutputStream out) throws IOException {
        out.writeLong(at.getEpochSecond());
        out.writeInt(at.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored decision state is truncated or corrupt: " + e.getMessage(), e);
        }
    }
}
