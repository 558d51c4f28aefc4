package hifi.method;

import com.tngtech.archunit.core.domain.JavaClasses;
import hifi.engine.testing.PackageRules;
import hifi.method.methods.MethodSpec;
import org.junit.jupiter.api.Test;

/** The hifi module's packages ({@code hifi.method.*}) have no cycles among them. */
class MethodArchitectureTest {
    private static final JavaClasses METHOD = PackageRules.mainClassesOf(MethodSpec.class);

    @Test
    void methodPackagesAreFreeOfCycles() {
        PackageRules.assertNoPackageCycles(METHOD, "hifi.method");
    }
}
