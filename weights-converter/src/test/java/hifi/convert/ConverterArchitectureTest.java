package hifi.convert;

import com.tngtech.archunit.core.domain.JavaClasses;
import hifi.engine.testing.PackageRules;
import org.junit.jupiter.api.Test;

/**
 * The converter's packages ({@code hifi.convert} and {@code hifi.convert.*}) have no cycles among them, and the
 * converter depends on the engine only, never on the HiFi method ({@code hifi.method}) or the GLUE glue
 * ({@code hifi.glue}).
 */
class ConverterArchitectureTest {
    private static final JavaClasses CONVERTER = PackageRules.mainClassesOf(Converter.class);

    @Test
    void converterPackagesAreFreeOfCycles() {
        PackageRules.assertNoPackageCycles(CONVERTER, "hifi.convert");
    }

    @Test
    void converterDependsOnNeitherTheMethodNorTheGlue() {
        PackageRules.assertNoDependency(CONVERTER, "hifi.convert", "hifi.method", "hifi.glue");
    }
}
