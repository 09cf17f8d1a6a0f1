package dev.grat.server.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.util.List;
import java.util.Random;

/**
 * Where the choices of an input generator come from: a seeded {@link Random} for the property tests in the normal
 * build, or Jazzer's {@link FuzzedDataProvider} when fuzzing, so that the fuzzer steers the same generators by
 * coverage.
 */
interface FuzzSource {

    /** A whole number from 0 to {@code bound - 1}. */
    int below(int bound);

    boolean bool();

    long anyLong();

    double anyDouble();

    /** Any string of at most {@code maxLength} UTF-16 units, including control and non-BMP characters. */
    String anyString(int maxLength);

    default <T> T pick(List<T> options) {
        return options.get(below(options.size()));
    }

    static FuzzSource of(Random random) {
        return new FuzzSource() {
            @Override
            public int below(int bound) {
                return random.nextInt(bound);
            }

            @Override
            public boolean bool() {
                return random.nextBoolean();
            }

            @Override
            public long anyLong() {
                return switch (random.nextInt(4)) {
                    case 0 -> random.nextLong();
                    case 1 -> random.nextInt(20) - 5;
                    case 2 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
                    default -> random.nextInt();
                };
            }

            @Override
            public double anyDouble() {
                return switch (random.nextInt(5)) {
                    case 0 -> random.nextDouble();
                    case 1 -> -random.nextDouble() * 1e6;
                    case 2 -> Double.longBitsToDouble(random.nextLong());
                    case 3 -> random.nextBoolean() ? Double.MAX_VALUE : Double.MIN_VALUE;
                    default -> random.nextInt(100) / 10.0;
                };
            }

            @Override
            public String anyString(int maxLength) {
                int length = random.nextInt(maxLength + 1);
                StringBuilder text = new StringBuilder(length);
                while (text.length() < length) {
                    text.appendCodePoint(switch (random.nextInt(6)) {
                        case 0 -> random.nextInt(0x20);
                        case 1 -> 0x1F600 + random.nextInt(80);
                        case 2 -> 0xD800 + random.nextInt(0x800); // lone surrogates
                        case 3 -> random.nextInt(0x3000);
                        default -> 0x20 + random.nextInt(0x5F);
                    });
                }
                return text.toString();
            }
        };
    }

    static FuzzSource of(FuzzedDataProvider data) {
        return new FuzzSource() {
            @Override
            public int below(int bound) {
                return bound <= 1 ? 0 : data.consumeInt(0, bound - 1);
            }

            @Override
            public boolean bool() {
                return data.consumeBoolean();
            }

            @Override
            public long anyLong() {
                return data.consumeLong();
            }

            @Override
            public double anyDouble() {
                return data.consumeDouble();
            }

            @Override
            public String anyString(int maxLength) {
                return data.consumeString(maxLength);
            }
        };
    }
}
