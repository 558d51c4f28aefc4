package hifi.engine.kernels;

/**
 * The obviously-correct GEMM: a triple loop with a {@code double} accumulator per output element. It is the oracle
 * every optimised GEMM is tested against, not something to run at BERT-base size.
 */
public final class ReferenceGemm {
    private ReferenceGemm() {
    }

    public static void gemm(float[] a, boolean transA, float[] b, boolean transB, float[] c, float[] bias, int biasOffset,
                            GemmShape s, float alpha, boolean accumulate) {
        for (int p = 0; p < s.batch(); p++) {
            int ao = s.aOffsets()[p], bo = s.bOffsets()[p], co = s.cOffsets()[p];
            for (int i = 0; i < s.m(); i++) {
                for (int j = 0; j < s.n(); j++) {
                    double acc = 0;
                    for (int q = 0; q < s.k(); q++) {
                        float av = transA ? a[ao + q * s.lda() + i] : a[ao + i * s.lda() + q];
                        float bv = transB ? b[bo + j * s.ldb() + q] : b[bo + q * s.ldb() + j];
                        acc += (double) av * bv;
                    }
                    int ci = co + i * s.ldc() + j;
                    float v = (float) (alpha * acc);
                    if (accumulate) v += c[ci];
                    if (bias != null) v += bias[biasOffset + j];
                    c[ci] = v;
                }
            }
        }
    }
}
