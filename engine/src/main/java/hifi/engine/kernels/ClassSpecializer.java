package hifi.engine.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Makes a private copy of a template class in which a parameter is a compile-time constant for the JIT.
 *
 * <p>C2 constant-folds {@code static final} fields, and the Vector API only compiles to SIMD instructions when the
 * vector species is such a constant; loop strides fold the same way. Passing the parameter as an argument or an
 * instance field would lose that. So the template reads its parameter once, in a static initialiser, from
 * {@link MethodHandles#classData}, and this class defines the template's own bytecode again as a hidden class with
 * the desired class data: one copy per parameter value, each compiled separately. Templates must be package-private,
 * have a no-argument constructor, and contain no nested classes or lambdas (their bytecode must stand alone).
 */
final class ClassSpecializer {
    private ClassSpecializer() {
    }

    /** A new instance of a fresh copy of {@code template} whose class data is {@code parameter}. */
    static <T> T instantiate(Class<? extends T> template, Class<T> type, Object parameter) {
        try (InputStream in = template.getResourceAsStream(template.getSimpleName() + ".class")) {
            if (in == null) throw new IllegalStateException("bytecode of " + template.getName() + " not found on the class path");
            MethodHandles.Lookup copy = MethodHandles.lookup().defineHiddenClassWithClassData(in.readAllBytes(), parameter, true);
            return type.cast(copy.findConstructor(copy.lookupClass(), MethodType.methodType(void.class)).invoke());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bytecode of " + template.getName(), e);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot specialise " + template.getName() + " for " + parameter, e);
        }
    }

    /** In a template's static initialiser: the class data of this copy, or {@code fallback} in the template itself. */
    static <T> T parameter(MethodHandles.Lookup self, Class<T> type, T fallback) {
        try {
            T value = MethodHandles.classData(self, java.lang.constant.ConstantDescs.DEFAULT_NAME, type);
            return value != null ? value : fallback;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
