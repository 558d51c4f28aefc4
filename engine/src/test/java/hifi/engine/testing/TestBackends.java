package hifi.engine.testing;

import hifi.engine.backend.Backend;
import hifi.engine.backend.ReferenceBackend;
import hifi.engine.backend.SimdBackend;

import java.util.List;

/** The backends every op test runs on: the scalar reference and the SIMD backend at each vector width tested. */
public final class TestBackends {
    /** Species widths the SIMD tests cover: the platform's preferred (0), then 256- and 128-bit. */
    public static final List<Integer> SIMD_BITS = List.of(0, 256, 128);

    private TestBackends() {
    }

    /** SIMD backends at {@link #SIMD_BITS}. */
    public static List<SimdBackend> simd() {
        return SIMD_BITS.stream().map(SimdBackend::create).toList();
    }

    /** The reference backend followed by the SIMD backend at its preferred species. */
    public static List<Backend> referenceAndSimd() {
        return List.of(new ReferenceBackend(), SimdBackend.create(0));
    }
}
