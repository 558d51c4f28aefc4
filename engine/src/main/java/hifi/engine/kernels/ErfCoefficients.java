package hifi.engine.kernels;

/**
 * The coefficients of the engine's error function, shared by every implementation of it ({@link VectorErf} on the
 * CPU, the TornadoVM backend's device kernel): {@code erf(x) = x · P(x²)} below {@code |x| = SPLIT}, and
 * {@code ±(1 − e^{−a²} · N(a) / D(a))} with {@code a = min(|x|, CLAMP)} above. Our own fits (see {@link VectorErf}).
 * Compile-time constants, so a device kernel that uses them gets the literals.
 */
public final class ErfCoefficients {
    public static final float SPLIT = 0.875f;
    public static final float CLAMP = 3.92f;
    public static final float P0 = 1.1283791065216064f, P1 = -0.3761255741119385f, P2 = 0.11282525211572647f,
            P3 = -0.026793986558914185f, P4 = 0.005035914480686188f, P5 = -0.0006222623633220792f;
    public static final float N0 = 1.0002424716949463f, N1 = 0.6606552004814148f, N2 = 0.1937534064054489f,
            N3 = -0.00021236874454189092f;
    public static final float D1 = 1.7908333539962769f, D2 = 1.2083077430725098f, D3 = 0.33787932991981506f;

    private ErfCoefficients() {
    }
}
