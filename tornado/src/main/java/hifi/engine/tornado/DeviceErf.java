package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.math.TornadoMath;

import static hifi.engine.kernels.ErfCoefficients.*;

/**
 * The error function for device kernels (neither Java nor TornadoMath has one): the same two-piece approximation and
 * coefficients ({@code ErfCoefficients}) as the engine's {@code VectorErf}, scalar, in float. Maximum absolute
 * error about 1.1e-7.
 */
public final class DeviceErf {

    private DeviceErf() {
    }

    /** {@code erf(x)}: {@code x · P(x²)} below {@code |x| = 0.875}, {@code ±(1 − e^{−a²} N(a)/D(a))} above. */
    public static float erf(float x) {
        float ax = TornadoMath.abs(x);
        float result;
        if (ax < SPLIT) {
            float t = x * x;
            result = x * (((((P5 * t + P4) * t + P3) * t + P2) * t + P1) * t + P0);
        } else {
            float a = TornadoMath.min(ax, CLAMP);
            float num = ((N3 * a + N2) * a + N1) * a + N0;
            float den = ((D3 * a + D2) * a + D1) * a + 1f;
            float magnitude = 1f - TornadoMath.exp(-a * a) * num / den;
            result = x < 0f ? -magnitude : magnitude;
        }
        return result;
    }
}
