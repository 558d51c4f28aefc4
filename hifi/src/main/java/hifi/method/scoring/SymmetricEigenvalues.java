package hifi.method.scoring;

/**
 * Eigenvalues (no eigenvectors) of a real symmetric matrix, in {@code double}: Householder reduction to tridiagonal
 * form, then implicit symmetric QR steps with the Wilkinson shift until every off-diagonal entry is negligible
 * (Golub &amp; Van Loan, <i>Matrix Computations</i>, algorithms 8.3.1 and 8.3.3, written here from the math).
 *
 * <p>Why not Commons Math's {@code EigenDecomposition}: it always accumulates the eigenvectors, which costs several
 * times more, and HiFi needs one 64 × 64 decomposition per head and calibration example (≈ 37 000 for BERT-base).
 * Commons Math stays the test oracle. The result is backward stable: each eigenvalue is exact for a matrix within
 * a few units of {@code 1e-16 · ‖A‖} of the input.
 */
public final class SymmetricEigenvalues {
    private static final double EPS = Math.ulp(1.0);

    private SymmetricEigenvalues() {
    }

    /**
     * @param a row-major {@code n × n} matrix; only the upper triangle ({@code j ≥ i}) is read, and {@code a} is
     *          overwritten (used as scratch space)
     * @return the {@code n} eigenvalues in descending order
     */
    public static double[] of(double[] a, int n) {
        if (a.length < (long) n * n) {
            throw new IllegalArgumentException("matrix array holds " + a.length + " values, " + n + "×" + n + " needs " + (long) n * n);
        }
        double[] diag = new double[n];
        double[] off = new double[Math.max(0, n - 1)];
        tridiagonalize(a, n, diag, off);
        diagonalize(diag, off);
        java.util.Arrays.sort(diag);
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            double t = diag[i];
            diag[i] = diag[j];
            diag[j] = t;
        }
        return diag;
    }

    /**
     * Reduces {@code A} to {@code T = Qᵀ A Q} by Householder reflections {@code P = I − β v vᵀ}, one per column,
     * each applied to the trailing block from both sides as the symmetric rank-2 update {@code A − v wᵀ − w vᵀ}.
     * The upper triangle is first mirrored so that all O(n³) work runs as {@code y += a·x} loops over contiguous rows,
     * which the JIT vectorises (a dot-product form would not be: it may not reorder a floating-point sum).
     * Writes T's diagonal and first off-diagonal.
     */
    private static void tridiagonalize(double[] a, int n, double[] diag, double[] off) {
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) a[j * n + i] = a[i * n + j];
        double[] v = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n - 2; k++) {
            int from = k + 1;
            // x = A[k, k+1 .. n-1] (row k equals column k by symmetry)
            double scale = 0;
            for (int i = from; i < n; i++) scale = Math.max(scale, Math.abs(a[k * n + i]));
            if (scale == 0) {
                off[k] = 0;
                continue;
            }
            double norm2 = 0;
            for (int i = from; i < n; i++) {
                v[i] = a[k * n + i] / scale;
                norm2 += v[i] * v[i];
            }
            double norm = Math.sqrt(norm2);
            double x1 = v[from];
            double alpha = x1 >= 0 ? -norm : norm;   // the reflected vector becomes (alpha, 0, ..., 0)
            off[k] = alpha * scale;
            v[from] = x1 - alpha;
            double beta = 1 / (norm2 - alpha * x1);  // 2 / ‖x − αe₁‖², as ‖x − αe₁‖² = 2(‖x‖² − α x₁)
            // p = β A v over the trailing block, accumulated row by row (A symmetric: row j = column j)
            java.util.Arrays.fill(w, from, n, 0);
            for (int j = from; j < n; j++) {
                double bv = beta * v[j];
                int row = j * n;
                for (int i = from; i < n; i++) w[i] += a[row + i] * bv;
            }
            // w = p − (β pᵀv / 2) v
            double pv = 0;
            for (int i = from; i < n; i++) pv += w[i] * v[i];
            double c = beta * pv / 2;
            for (int i = from; i < n; i++) w[i] -= c * v[i];
            for (int i = from; i < n; i++) {
                double vi = v[i], wi = w[i];
                int row = i * n;
                for (int j = from; j < n; j++) a[row + j] -= vi * w[j] + wi * v[j];
            }
        }
        for (int i = 0; i < n; i++) diag[i] = a[i * n + i];
        if (n >= 2) off[n - 2] = a[(n - 2) * n + n - 1];
    }

    /** Implicit symmetric QR on the tridiagonal {@code (d, e)} until it is diagonal; {@code d} ends as the eigenvalues. */
    private static void diagonalize(double[] d, double[] e) {
        int n = d.length;
        int budget = 60 * Math.max(1, n);
        int m = n - 1;
        while (m > 0) {
            if (negligible(e[m - 1], d[m - 1], d[m])) {
                e[m - 1] = 0;
                m--;
                continue;
            }
            int l = m - 1;
            while (l > 0 && !negligible(e[l - 1], d[l - 1], d[l])) l--;
            if (--budget < 0) throw new ArithmeticException("symmetric QR did not converge for a " + n + "×" + n + " matrix");
            qrStep(d, e, l, m);
        }
    }

    private static boolean negligible(double offDiagonal, double d0, double d1) {
        return Math.abs(offDiagonal) <= EPS * (Math.abs(d0) + Math.abs(d1)) || offDiagonal == 0;
    }

    /**
     * One implicit QR step with Wilkinson shift on the unreduced block {@code l..m}: a Givens rotation on rows/columns
     * {@code (k, k+1)} introduces a bulge below the subdiagonal, and the following rotations chase it off the end.
     */
    private static void qrStep(double[] d, double[] e, int l, int m) {
        double delta = (d[m - 1] - d[m]) / 2;
        double b = e[m - 1];
        double mu = d[m] - b * b / (delta + (delta >= 0 ? 1 : -1) * Math.sqrt(delta * delta + b * b));
        double x = d[l] - mu;
        double z = e[l];
        for (int k = l; k < m; k++) {
            double r = Math.sqrt(x * x + z * z);   // not Math.hypot: several times slower; Gram entries cannot overflow
            double inv = r == 0 ? 0 : 1 / r;
            double c = r == 0 ? 1 : x * inv;
            double s = z * inv;
            if (k > l) e[k - 1] = r;
            double a0 = d[k], b0 = e[k], a1 = d[k + 1];
            d[k] = c * c * a0 + 2 * c * s * b0 + s * s * a1;
            d[k + 1] = s * s * a0 - 2 * c * s * b0 + c * c * a1;
            e[k] = c * s * (a1 - a0) + (c * c - s * s) * b0;
            if (k + 1 < m) {
                z = s * e[k + 1];        // the bulge at (k, k+2)
                e[k + 1] = c * e[k + 1];
                x = e[k];
            }
        }
    }
}
