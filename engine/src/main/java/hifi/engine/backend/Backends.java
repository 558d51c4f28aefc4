package hifi.engine.backend;

import hifi.engine.runtime.WorkerPool;

/**
 * Chooses the backend. {@code -Dhifi.backend=simd} (default) or {@code reference}; {@code -Dhifi.vector.bits=N}
 * narrows the SIMD backend's vector species (e.g. 256 on an AVX-512 machine, for testing). Each backend made here owns
 * its worker pool, of {@link WorkerPool#defaultThreads()} threads unless a count is given.
 */
public final class Backends {
    private static volatile Backend standard;

    private Backends() {
    }

    /**
     * A shared backend of the kind {@code -Dhifi.backend} names, created on first use and never replaced: for entry
     * points (benchmark mains) and tests. Library code takes its backend as a parameter and never reaches for this one.
     */
    public static Backend current() {
        Backend b = standard;
        if (b == null) {
            synchronized (Backends.class) {
                if (standard == null) standard = byName(defaultName());
                b = standard;
            }
        }
        return b;
    }

    /** The backend {@code -Dhifi.backend} names: {@code simd} unless set. */
    public static String defaultName() {
        return System.getProperty("hifi.backend", "simd");
    }

    /** The SIMD backend at {@code -Dhifi.vector.bits} (default: the preferred species) on {@code threads} threads. */
    public static SimdBackend simd(int threads) {
        return SimdBackend.create(Integer.getInteger("hifi.vector.bits", 0), threads);
    }

    /** {@code reference}, {@code simd}, or {@code simd-<bits>}, on {@link WorkerPool#defaultThreads()} threads. */
    public static Backend byName(String name) {
        return byName(name, WorkerPool.defaultThreads());
    }

    /** {@code reference}, {@code simd}, or {@code simd-<bits>}, on a worker pool of {@code threads} threads. */
    public static Backend byName(String name, int threads) {
        if (name.equals("reference")) return new ReferenceBackend(threads);
        if (name.equals("simd")) return simd(threads);
        if (name.startsWith("simd-")) {
            try {
                return SimdBackend.create(Integer.parseInt(name.substring(5)), threads);
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("unknown backend \"" + name + "\" (use reference, simd, simd-256 or simd-512)");
    }
}
