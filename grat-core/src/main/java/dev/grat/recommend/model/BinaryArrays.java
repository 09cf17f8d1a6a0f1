package dev.grat.recommend.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Bulk big-endian array I/O for model files, bit-exact and much faster than one writeFloat per value. */
final class BinaryArrays {

    private static final int BUFFER = 1 << 16;

    private BinaryArrays() {
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeLong(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        for (int from = 0; from < values.length; from += BUFFER / Float.BYTES) {
            int to = Math.min(values.length, from + BUFFER / Float.BYTES);
            buffer.clear();
            buffer.asFloatBuffer().put(values, from, to - from);
            out.write(buffer.array(), 0, (to - from) * Float.BYTES);
        }
    }

    static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeLong(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        for (int from = 0; from < values.length; from += BUFFER / Integer.BYTES) {
            int to = Math.min(values.length, from + BUFFER / Integer.BYTES);
            buffer.clear();
            buffer.asIntBuffer().put(values, from, to - from);
            out.write(buffer.array(), 0, (to - from) * Integer.BYTES);
        }
    }

    /** Reads an array written by {@link #writeFloats}, checking that it has the expected length. */
    static float[] readFloats(DataInputStream in, long expected, String what) throws IOException {
        int length = readLength(in, expected, what);
        float[] values = new float[length];
        byte[] bytes = new byte[BUFFER];
        for (int from = 0; from < length; from += BUFFER / Float.BYTES) {
            int count = Math.min(length - from, BUFFER / Float.BYTES);
            in.readFully(bytes, 0, count * Float.BYTES);
            ByteBuffer.wrap(bytes, 0, count * Float.BYTES).asFloatBuffer().get(values, from, count);
        }
        return values;
    }

    /** Reads an array written by {@link #writeInts}; {@code expected} -1 accepts any length. */
    static int[] readInts(DataInputStream in, long expected, String what) throws IOException {
        int length = readLength(in, expected, what);
        int[] values = new int[length];
        byte[] bytes = new byte[BUFFER];
        for (int from = 0; from < length; from += BUFFER / Integer.BYTES) {
            int count = Math.min(length - from, BUFFER / Integer.BYTES);
            in.readFully(bytes, 0, count * Integer.BYTES);
            ByteBuffer.wrap(bytes, 0, count * Integer.BYTES).asIntBuffer().get(values, from, count);
        }
        return values;
    }

    private static int readLength(DataInputStream in, long expected, String what) throws IOException {
        long length = in.readLong();
        if (length < 0 || length > Integer.MAX_VALUE - 8 || expected >= 0 && length != expected) {
            throw new IOException("corrupt model file: " + what + " has " + length + " values, expected "
                    + (expected >= 0 ? expected : "0 to " + (Integer.MAX_VALUE - 8)));
        }
        return (int) length;
    }
}
