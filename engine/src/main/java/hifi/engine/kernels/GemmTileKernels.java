package hifi.engine.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.VectorSpecies;

/**
 * One {@link VectorTileKernel} per vector species, each a separate hidden class in which the species is a constant
 * (see {@link VectorTileKernel} for why). Created on first use and cached for the life of the JVM.
 */
final class GemmTileKernels {
    private static final Map<VectorSpecies<Float>, GemmTileKernel> KERNELS = new ConcurrentHashMap<>();

    private GemmTileKernels() {
    }

    static GemmTileKernel forSpecies(VectorSpecies<Float> species) {
        return KERNELS.computeIfAbsent(species, GemmTileKernels::specialize);
    }

    private static GemmTileKernel specialize(VectorSpecies<Float> species) {
        Class<?> template = VectorTileKernel.class;
        try (InputStream in = template.getResourceAsStream(template.getSimpleName() + ".class")) {
            if (in == null) throw new IllegalStateException("bytecode of " + template.getName() + " not found on the class path");
            byte[] bytecode = in.readAllBytes();
            MethodHandles.Lookup copy = MethodHandles.lookup().defineHiddenClassWithClassData(bytecode, species, true);
            return (GemmTileKernel) copy.findConstructor(copy.lookupClass(), java.lang.invoke.MethodType.methodType(void.class))
                    .invoke();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bytecode of " + template.getName(), e);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot specialise " + template.getName() + " for " + species, e);
        }
    }
}
