package hifi.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One GEMM problem from BERT training: {@code C[m,n] = op(A)·op(B)} with the inner size {@code k}. The name says
 * which product of a linear layer (or attention) it is, so tables from different tools can be joined on it.
 *
 * @param batch  independent products in one call (attention: batch × heads)
 */
public record GemmCase(String name, int batch, int m, int n, int k, boolean transA, boolean transB) {

    /** Floating-point operations of one call. */
    public double flops() {
        return 2.0 * batch * m * n * k;
    }

    /**
     * The linear-layer products at BERT-base shapes — tokens ∈ {8×128, 32×128} × (in, out) ∈ {(768,768), (768,3072),
     * (3072,768)} — in the three orientations training needs: forward {@code Y = X·Wᵀ} with an HF {@code [out, in]}
     * weight, input gradient {@code dX = dY·W}, weight gradient {@code dW = dYᵀ·X}.
     */
    public static List<GemmCase> bertLinear() {
        List<GemmCase> cases = new ArrayList<>();
        for (int tokens : new int[] {1024, 4096}) {
            for (int[] io : new int[][] {{768, 768}, {768, 3072}, {3072, 768}}) {
                for (String orientation : new String[] {"fwd", "dX", "dW"}) {
                    cases.add(linear(orientation, tokens, io[0], io[1]));
                }
            }
        }
        return cases;
    }

    /**
     * One product of a linear layer {@code in → out} over {@code tokens} rows: {@code fwd} ({@code Y = X·Wᵀ}),
     * {@code dX} ({@code dX = dY·W}) or {@code dW} ({@code dW = dYᵀ·X}).
     */
    public static GemmCase linear(String orientation, int tokens, int in, int out) {
        String dims = " tokens=" + tokens + " in=" + in + " out=" + out;
        return switch (orientation) {
            case "fwd" -> new GemmCase("fwd X.Wt " + dims, 1, tokens, out, in, false, true);
            case "dX" -> new GemmCase("dX  dY.W " + dims, 1, tokens, in, out, false, false);
            case "dW" -> new GemmCase("dW  dYt.X" + dims, 1, out, in, tokens, true, false);
            default -> throw new IllegalArgumentException("orientation must be fwd, dX or dW, got \"" + orientation + "\"");
        };
    }

    /** Attention products per head, 128 tokens × 64 dims, batched over 8 sequences × 12 heads. */
    public static List<GemmCase> attention() {
        int bh = 8 * 12, t = 128, dh = 64;
        return List.of(
                new GemmCase("attn Q.Kt  batch=96 T=128 dh=64", bh, t, t, dh, false, true),
                new GemmCase("attn P.V   batch=96 T=128 dh=64", bh, t, dh, t, false, false));
    }

    /** "name|batch|m|n|k|transA|transB", the format compare_gemm.py and {@link #parse} exchange. */
    public String spec() {
        return name + "|" + batch + "|" + m + "|" + n + "|" + k + "|" + (transA ? 1 : 0) + "|" + (transB ? 1 : 0);
    }

    /** The inverse of {@link #spec}. */
    public static GemmCase parse(String spec) {
        String[] f = spec.split("\\|");
        if (f.length != 7) throw new IllegalArgumentException("GEMM spec needs 7 fields name|batch|m|n|k|transA|transB: \"" + spec + "\"");
        return new GemmCase(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                Integer.parseInt(f[4]), f[5].equals("1"), f[6].equals("1"));
    }
}
