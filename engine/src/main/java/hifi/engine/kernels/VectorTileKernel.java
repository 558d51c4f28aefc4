package hifi.engine.kernels;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled micro-kernel: an 8-row × 2-vector tile of C held in 16 vector accumulators, fed by one broadcast
 * of A and two vector loads of B per K step (16 FMAs). With 512-bit vectors the tile is 8 × 32 and uses 19 of the 32
 * AVX-512 registers, so C2 keeps everything in registers.
 *
 * <p>The Vector API only compiles to SIMD instructions when the species is a compile-time constant. This class is
 * therefore a {@link ClassSpecializer} template: {@link GemmTileKernels} makes one copy per species, in which
 * {@link #SPECIES} is a true constant. (Loaded the ordinary way, the class uses the platform's preferred species.)
 */
final class VectorTileKernel implements GemmTileKernel {
    private static final VectorSpecies<Float> SPECIES = speciesOfThisCopy();
    private static final int LANES = SPECIES.length();
    private static final int MR = 8;
    private static final int NR = 2 * LANES;

    @SuppressWarnings("unchecked")
    private static VectorSpecies<Float> speciesOfThisCopy() {
        return ClassSpecializer.parameter(MethodHandles.lookup(), VectorSpecies.class, FloatVector.SPECIES_PREFERRED);
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void multiplyPacked(float[] packedA, float[] packedB, int mc, int nc, int kc, float[] c, int cOff, int ldc,
                               float alpha, boolean addToC, float[] bias, int biasOff) {
        float[] tile = new float[MR * NR];
        for (int j = 0; j < nc; j += NR) {
            int cols = Math.min(NR, nc - j);
            for (int i = 0; i < mc; i += MR) {
                sums(packedA, i * kc, packedB, j * kc, kc, tile);
                merge(tile, Math.min(MR, mc - i), cols, c, cOff + i * ldc + j, ldc, alpha, addToC, bias, biasOff + j);
            }
        }
    }

    /** The sums of one {@code MR × NR} register tile over {@code kc} steps, written row-major to {@code tile}. */
    private static void sums(float[] pa, int aBase, float[] pb, int bBase, int kc, float[] tile) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
        for (int k = 0, ai = aBase, bi = bBase; k < kc; k++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + LANES);
            FloatVector a = FloatVector.broadcast(SPECIES, pa[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, pa[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, pa[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(SPECIES, pa[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(SPECIES, pa[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        int t = 0;
        c00.intoArray(tile, t);
        c01.intoArray(tile, t + LANES);
        c10.intoArray(tile, t += NR);
        c11.intoArray(tile, t + LANES);
        c20.intoArray(tile, t += NR);
        c21.intoArray(tile, t + LANES);
        c30.intoArray(tile, t += NR);
        c31.intoArray(tile, t + LANES);
        c40.intoArray(tile, t += NR);
        c41.intoArray(tile, t + LANES);
        c50.intoArray(tile, t += NR);
        c51.intoArray(tile, t + LANES);
        c60.intoArray(tile, t += NR);
        c61.intoArray(tile, t + LANES);
        c70.intoArray(tile, t += NR);
        c71.intoArray(tile, t + LANES);
    }

    /**
     * Merges the {@code rows × cols} corner of a finished tile of sums into C:
     * {@code c = (addToC ? fma(sum, alpha, c) : sum·alpha) (+ bias[j])}. (The sums go through the small {@code tile}
     * array rather than being passed as vectors: a call C2 declines to inline would box every vector argument.)
     */
    private static void merge(float[] tile, int rows, int cols, float[] c, int cBase, int ldc, float alpha,
                              boolean addToC, float[] bias, int biasBase) {
        FloatVector alphaV = FloatVector.broadcast(SPECIES, alpha);
        for (int j = 0; j < cols; j += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(j, cols);
            for (int r = 0; r < rows; r++) {
                int at = cBase + r * ldc + j;
                FloatVector sum = FloatVector.fromArray(SPECIES, tile, r * NR + j);
                FloatVector v = addToC ? sum.fma(alphaV, FloatVector.fromArray(SPECIES, c, at, m)) : sum.mul(alphaV);
                if (bias != null) v = v.add(FloatVector.fromArray(SPECIES, bias, biasBase + j, m));
                v.intoArray(c, at, m);
            }
        }
    }
}
