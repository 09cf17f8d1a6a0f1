package dev.grat.recommend.model;

/**
 * {@link FactorKernels} in plain Java, written so that C2's auto-vectoriser handles the axpy loops; dot
 * products use four independent sums (a strict float reduction does not vectorise).
 */
final class ScalarKernels implements FactorKernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void axpy(float s, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += s * x[xo + i];
        }
    }

    /** G v as a sum of G's rows scaled by v (G is symmetric), four rows per pass to cut loads and stores of out. */
    @Override
    public void symmetricProduct(float[] g, float[] vector, int offset, float scale, float shift, float[] out, int k) {
        for (int i = 0; i < k; i++) {
            out[i] = shift * vector[offset + i];
        }
        int j = 0;
        for (; j + 3 < k; j += 4) {
            float v0 = scale * vector[offset + j];
            float v1 = scale * vector[offset + j + 1];
            float v2 = scale * vector[offset + j + 2];
            float v3 = scale * vector[offset + j + 3];
            int r0 = j * k;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            for (int i = 0; i < k; i++) {
                out[i] += v0 * g[r0 + i] + v1 * g[r1 + i] + v2 * g[r2 + i] + v3 * g[r3 + i];
            }
        }
        for (; j < k; j++) {
            axpy(scale * vector[offset + j], g, j * k, out, 0, k);
        }
    }

    @Override
    public void addOuterProducts(float[] factors, int from, int to, int k, float[] g) {
        int r = from;
        for (; r + 3 < to; r += 4) {
            int o0 = r * k;
            int o1 = o0 + k;
            int o2 = o1 + k;
            int o3 = o2 + k;
            for (int a = 0; a < k; a++) {
                float f0 = factors[o0 + a];
                float f1 = factors[o1 + a];
                float f2 = factors[o2 + a];
                float f3 = factors[o3 + a];
                int row = a * k;
                for (int b = 0; b < k; b++) {
                    g[row + b] += f0 * factors[o0 + b] + f1 * factors[o1 + b] + f2 * factors[o2 + b]
                            + f3 * factors[o3 + b];
                }
            }
        }
        for (; r < to; r++) {
            int o = r * k;
            for (int a = 0; a < k; a++) {
                axpy(factors[o + a], factors, o, g, a * k, k);
            }
        }
    }
}
