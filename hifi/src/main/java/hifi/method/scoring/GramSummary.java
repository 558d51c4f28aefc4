package hifi.method.scoring;

/**
 * What the correlation measures need from one {@code d_h × d_h} block {@code C = Xᵀ Y} of a centred Gram matrix:
 * its squared Frobenius norm and its trace. Two numbers per block let the statistics pass keep every head's summary
 * for cross-layer pairs without keeping the blocks.
 */
public record GramSummary(double frobeniusSquared, double trace) {

    /** Summary of the {@code k × k} block of a row-major float matrix with row stride {@code ld}, from {@code offset}. */
    public static GramSummary ofBlock(float[] m, int offset, int ld, int k) {
        double fro = 0, tr = 0;
        for (int i = 0; i < k; i++) {
            int row = offset + i * ld;
            for (int j = 0; j < k; j++) {
                double v = m[row + j];
                fro += v * v;
            }
            tr += m[row + i];
        }
        return new GramSummary(fro, tr);
    }

    /** Summary of a row-major {@code k × k} double matrix. */
    public static GramSummary of(double[] m, int k) {
        double fro = 0, tr = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) fro += m[i * k + j] * m[i * k + j];
            tr += m[i * k + i];
        }
        return new GramSummary(fro, tr);
    }
}
