package hifi.engine.kernels;

/**
 * The species-specific heart of the packed GEMM: multiplies one packed block of A ({@code mc × kc}, slivers of
 * {@link #mr()} rows) by one packed panel of B ({@code kc × nc}, slivers of {@link #nr()} columns) and merges the
 * product into C. Obtain instances from {@link GemmTileKernels#forSpecies}.
 *
 * <p>Every output element is the {@code kc}-term sum {@code Σ_k a·b} accumulated with fused multiply-adds in
 * increasing k, then merged as {@code c = addToC ? fma(sum, alpha, c) : sum·alpha} and, when {@code bias} is given,
 * {@code c += bias[j]}. The arithmetic of an element does not depend on where its tile lies in C, so any partition of
 * C into tiles gives identical bits.
 */
interface GemmTileKernel {

    /** Rows of A per sliver (rows of the register tile). */
    int mr();

    /** Columns of B per sliver (columns of the register tile, a multiple of the vector length). */
    int nr();

    /**
     * @param c      output; element {@code (i, j)} of this block is {@code c[cOff + i·ldc + j]}
     * @param addToC whether to add to C (false: overwrite)
     * @param bias   {@code null}, or the bias whose element for column {@code j} is {@code bias[biasOff + j]}
     */
    void multiplyPacked(float[] packedA, float[] packedB, int mc, int nc, int kc, float[] c, int cOff, int ldc,
                        float alpha, boolean addToC, float[] bias, int biasOff);
}
