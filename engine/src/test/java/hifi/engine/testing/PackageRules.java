package hifi.engine.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.net.URL;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architecture rules every module checks on its own main classes (ArchUnit): no cycles among the packages under a
 * root, and no dependency from one package tree on others. Shared through engine's test jar so that the engine, hifi
 * and weights-converter tests state their rules without repeating the rule code.
 */
public final class PackageRules {
    private PackageRules() {
    }

    /**
     * The main classes of the module (directory or jar) that holds {@code anchor}. Fails unless the import really read
     * them: ArchUnit skips class files it cannot parse (e.g. of a newer class-file version) with a log line only, so
     * the import must contain {@code anchor} with its dependencies resolved.
     */
    public static JavaClasses mainClassesOf(Class<?> anchor) {
        URL location = anchor.getProtectionDomain().getCodeSource().getLocation();
        JavaClasses classes = new ClassFileImporter().importUrl(location);
        assertFalse(classes.isEmpty(), "no classes imported from " + location);
        assertTrue(classes.contain(anchor), anchor.getName() + " missing from the classes imported from " + location);
        assertFalse(classes.get(anchor).getDirectDependenciesFromSelf().isEmpty(),
                anchor.getName() + " was imported without its dependencies: the class files were not read");
        return classes;
    }

    /**
     * No cycle among the packages directly under {@code root} (each with its subpackages), e.g. {@code hifi.engine};
     * classes in {@code root} itself form one more package.
     */
    public static void assertNoPackageCycles(JavaClasses classes, String root) {
        ArchRule rule = slices().assignedFrom(topLevelPackagesUnder(root)).should().beFreeOfCycles();
        rule.check(classes);
    }

    /** No class under package {@code from} depends on a class under any of the {@code forbidden} packages. */
    public static void assertNoDependency(JavaClasses classes, String from, String... forbidden) {
        String[] trees = new String[forbidden.length];
        for (int i = 0; i < forbidden.length; i++) trees[i] = forbidden[i] + "..";
        ArchRule rule = noClasses().that().resideInAPackage(from + "..").should().dependOnClassesThat().resideInAnyPackage(trees);
        rule.check(classes);
    }

    /** Slices: {@code root.x} with its subpackages is slice {@code x}; {@code root} itself is slice {@code (root)}. */
    private static SliceAssignment topLevelPackagesUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String p = javaClass.getPackageName();
                if (p.equals(root)) return SliceIdentifier.of("(" + root + ")");
                if (!p.startsWith(root + ".")) return SliceIdentifier.ignore();
                String rest = p.substring(root.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
            }

            @Override
            public String getDescription() {
                return "packages directly under " + root;
            }
        };
    }
}
