package hifi.engine.kernels;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.VectorSpecies;

/**
 * One {@link VectorTileKernel} per vector species, each a {@link ClassSpecializer specialised copy} in which the
 * species is a constant. Created on first use and cached for the life of the JVM.
 */
final class GemmTileKernels {
    private static final Map<VectorSpecies<Float>, GemmTileKernel> KERNELS = new ConcurrentHashMap<>();

    private GemmTileKernels() {
    }

    static GemmTileKernel forSpecies(VectorSpecies<Float> species) {
        return KERNELS.computeIfAbsent(species,
                s -> ClassSpecializer.instantiate(VectorTileKernel.class, GemmTileKernel.class, s));
    }
}
