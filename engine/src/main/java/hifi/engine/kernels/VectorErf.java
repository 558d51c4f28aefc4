package hifi.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The error function on float vectors (Java has no {@code erf}, and the Vector API has no ERF operator). Two pieces,
 * split at {@code |x| = 0.875}:
 * <ul>
 *   <li>{@code |x| < 0.875}: {@code erf(x) = x · P(x²)}, P a degree-5 polynomial;</li>
 *   <li>{@code |x| ≥ 0.875}: {@code erf(x) = sign(x) · (1 − exp(−x²) · N(|x|) / D(|x|))}, N/D a degree-3 rational in
 *       {@code |x|} clamped to 3.92, beyond which erf rounds to ±1 in float.</li>
 * </ul>
 * The coefficients are our own fits (engine/tools/fit_vector_math_coefficients.py: reweighted least squares towards
 * minimax, then rounded to float). Evaluated in float with FMA Horner steps and {@link VectorMath#exp}, the
 * maximum absolute error is about 1.1e-7, i.e. within two float ulps of the true value (ulp(0.8) = 6e-8);
 * {@code VectorErfTest} checks it against Commons Math's {@code Erf.erf}.
 */
public final class VectorErf {
    private static final float SPLIT = 0.875f;
    private static final float CLAMP = 3.92f;
    private static final float[] SMALL = {1.1283791065216064f, -0.3761255741119385f, 0.11282525211572647f,
            -0.026793986558914185f, 0.005035914480686188f, -0.0006222623633220792f};
    private static final float[] LARGE_NUM = {1.0002424716949463f, 0.6606552004814148f, 0.1937534064054489f,
            -0.00021236874454189092f};
    private static final float[] LARGE_DEN = {1.0f, 1.7908333539962769f, 1.2083077430725098f, 0.33787932991981506f};

    private VectorErf() {
    }

    /** {@code erf(x)} lanewise. */
    public static FloatVector erf(FloatVector x) {
        FloatVector ax = x.abs();
        VectorMask<Float> small = ax.compare(VectorOperators.LT, SPLIT);
        FloatVector result;
        FloatVector inner = x.mul(VectorMath.horner(SMALL, x.mul(x)));
        if (small.allTrue()) {
            result = inner;
        } else {
            FloatVector a = ax.min(CLAMP);
            FloatVector tail = VectorMath.exp(a.mul(a).neg())
                    .mul(VectorMath.horner(LARGE_NUM, a).div(VectorMath.horner(LARGE_DEN, a)));
            FloatVector magnitude = tail.neg().add(1f);
            FloatVector outer = magnitude.blend(magnitude.neg(), x.compare(VectorOperators.LT, 0f));
            result = outer.blend(inner, small);
        }
        return result;
    }

    /** {@code erf(x)} for one float, by the same formula (for tests and scalar callers). */
    public static float erf(float x) {
        return erf(FloatVector.broadcast(FloatVector.SPECIES_64, x)).lane(0);
    }
}
