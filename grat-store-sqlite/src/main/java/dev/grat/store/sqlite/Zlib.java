package dev.grat.store.sqlite;

import java.io.ByteArrayOutputStream;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib compression of the decision log's blobs: the fastest level, since it runs while a request waits. */
final class Zlib {

    private Zlib() {
    }

    static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * @param damaged the exception to throw when the bytes are not a whole zlib stream
     */
    static byte[] inflate(byte[] bytes, Supplier<? extends RuntimeException> damaged) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int read = inflater.inflate(buffer);
                if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw damaged.get();
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw damaged.get();
        } finally {
            inflater.end();
        }
    }
}
