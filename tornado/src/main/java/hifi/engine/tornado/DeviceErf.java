package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.math.TornadoMath;

/**
 * The error function for device kernels (neither Java nor TornadoMath has one): the same two-piece approximation and
 * coefficients as the engine's {@code VectorErf} (see there for their origin), scalar, in float. Maximum absolute
 * error about 1.1e-7.
 */
public final class DeviceErf {
    private static final float SPLIT = 0.875f;
    private static final float CLAMP = 3.92f;
    private static final float P0 = 1.1283791065216064f, P1 = -0.3761255741119385f, P2 = 0.11282525211572647f,
            P3 = -0.026793986558914185f, P4 = 0.005035914480686188f, P5 = -0.0006222623633220792f;
    private static final float N0 = 1.0002424716949463f, N1 = 0.6606552004814148f, N2 = 0.1937534064054489f,
            N3 = -0.00021236874454189092f;
    private static final float D1 = 1.7908333539962769f, D2 = 1.2083077430725098f, D3 = 0.33787932991981506f;

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
