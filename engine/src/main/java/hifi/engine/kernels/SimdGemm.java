package hifi.engine.kernels;

import jdk.incubator.vector.VectorSpecies;

/** Vector API GEMM (placeholder: delegates to the reference until the tiled kernel lands). */
public final class SimdGemm {
    private SimdGemm() {
    }

    public static void gemm(VectorSpecies<Float> species, float[] a, boolean transA, float[] b, boolean transB, float[] c,
                            float[] bias, int biasOffset, GemmShape s, float alpha, boolean accumulate) {
        ReferenceGemm.gemm(a, transA, b, transB, c, bias, biasOffset, s, alpha, accumulate);
    }
}
