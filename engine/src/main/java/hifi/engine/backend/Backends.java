package hifi.engine.backend;

/**
 * Chooses the backend. {@code -Dhifi.backend=simd} (default) or {@code reference}; {@code -Dhifi.vector.bits=N}
 * narrows the SIMD backend's vector species (e.g. 256 on an AVX-512 machine, for testing).
 */
public final class Backends {
    private static volatile Backend current;

    private Backends() {
    }

    /** The process-wide default backend. */
    public static Backend current() {
        Backend b = current;
        if (b == null) {
            synchronized (Backends.class) {
                if (current == null) current = byName(System.getProperty("hifi.backend", "simd"));
                b = current;
            }
        }
        return b;
    }

    /** Replaces the process-wide default (the CLI's {@code --backend}). */
    public static void setCurrent(Backend b) {
        current = b;
    }

    /** {@code reference}, {@code simd}, or {@code simd-<bits>}. */
    public static Backend byName(String name) {
        if (name.equals("reference")) return new ReferenceBackend();
        if (name.equals("simd")) return SimdBackend.create(Integer.getInteger("hifi.vector.bits", 0));
        if (name.startsWith("simd-")) {
            try {
                return SimdBackend.create(Integer.parseInt(name.substring(5)));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("unknown backend \"" + name + "\" (use reference, simd, simd-256 or simd-512)");
    }
}
