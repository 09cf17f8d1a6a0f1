package dev.grat.decide.bandit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The byte format of a policy's state. Version 1, big-endian ({@link DataOutputStream}):
 * <pre>
 * int   magic 0x47525450 ("GRTP")     short version (1)
 * UTF   kind   int dimension   boolean interactions   double exploration, alpha, noise   int draws   double ridge
 * boolean hasFixedAction [UTF fixedAction]   boolean hasApprentice [double alpha   int checkEvery]
 * if the kind learns:  long updates   double[d·d] A (row by row)   double[d] b
 * if apprentice:       boolean passed   long count   double sum, sumOfSquares   int looks   double lowerBound
 * </pre>
 * Only {@code A} and {@code b} are stored: {@code A⁻¹}, {@code θ} and the Cholesky factor are recomputed on load,
 * which also clears any rounding drift.
 */
final class PolicyCodec {

    static final int MAGIC = 0x47525450;
    static final short VERSION = 1;

    private PolicyCodec() {
    }

    static byte[] write(PolicyConfig config, LinearPolicy learner, TakeoverTest test) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            writeConfig(config, out);
            if (learner != null) {
                learner.read(model -> {
                    writeModel(model, out);
                    return null;
                });
            }
            if (test != null) {
                test.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Policy read(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException("not a Grat policy state (magic " + Integer.toHexString(magic) + ")");
            }
            short version = in.readShort();
            if (version != VERSION) {
                throw new IllegalArgumentException("policy state version " + version + " is not supported; this Grat reads version " + VERSION);
            }
            PolicyConfig config = readConfig(in);
            if (!config.kind().learns()) {
                return new RulePolicy(config);
            }
            RidgeModel model = readModel(config, in);
            LinearPolicy learner = Policies.learner(config, model);
            if (config.apprentice() == null) {
                return learner;
            }
            TakeoverTest test = TakeoverTest.restore(config.apprentice(), in.readBoolean(), in.readLong(), in.readDouble(),
                    in.readDouble(), in.readInt(), in.readDouble());
            return new ApprenticePolicy(config, learner, test);
        } catch (IOException e) {
            throw new IllegalArgumentException("policy state is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    static void writeConfig(PolicyConfig config, DataOutputStream out) throws IOException {
        out.writeUTF(config.kind().wireName());
        out.writeInt(config.dimension());
        out.writeBoolean(config.interactions());
        out.writeDouble(config.exploration());
        out.writeDouble(config.alpha());
        out.writeDouble(config.noise());
        out.writeInt(config.draws());
        out.writeDouble(config.ridge());
        out.writeBoolean(config.fixedAction() != null);
        if (config.fixedAction() != null) {
            out.writeUTF(config.fixedAction());
        }
        out.writeBoolean(config.apprentice() != null);
        if (config.apprentice() != null) {
            out.writeDouble(config.apprentice().alpha());
            out.writeInt(config.apprentice().checkEvery());
        }
    }

    static PolicyConfig readConfig(DataInputStream in) throws IOException {
        String kindName = in.readUTF();
        PolicyKind kind = PolicyKind.fromWire(kindName)
                .orElseThrow(() -> new IllegalArgumentException("unknown policy kind '" + kindName + "' in policy state"));
        int dimension = in.readInt();
        boolean interactions = in.readBoolean();
        double exploration = in.readDouble();
        double alpha = in.readDouble();
        double noise = in.readDouble();
        int draws = in.readInt();
        double ridge = in.readDouble();
        String fixedAction = in.readBoolean() ? in.readUTF() : null;
        ApprenticeSettings apprentice = in.readBoolean() ? new ApprenticeSettings(in.readDouble(), in.readInt()) : null;
        return new PolicyConfig(kind, dimension, interactions, exploration, alpha, noise, draws, ridge, fixedAction, apprentice);
    }

    private static void writeModel(RidgeModel model, DataOutputStream out) {
        try {
            out.writeLong(model.updates());
            for (double v : model.gramCopy()) {
                out.writeDouble(v);
            }
            for (double v : model.targetCopy()) {
                out.writeDouble(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RidgeModel readModel(PolicyConfig config, DataInputStream in) throws IOException {
        int d = config.dimension();
        long updates = in.readLong();
        double[] gram = new double[d * d];
        for (int i = 0; i < gram.length; i++) {
            gram[i] = in.readDouble();
        }
        double[] target = new double[d];
        for (int i = 0; i < d; i++) {
            target[i] = in.readDouble();
        }
        return RidgeModel.restore(d, config.ridge(), config.kind() == PolicyKind.THOMPSON, gram, target, updates);
    }
}
