package hifi.glue.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import hifi.engine.backend.Backends;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The glue module's package structure: no package cycles; the core packages (tasks, metrics, model, io, progress,
 * run, train, report, predict, demo, experiments) never depend on the command line ({@code hifi.glue.cli}); only the
 * command line uses picocli; below the command line (in engine, hifi and glue's core) the backend is a parameter, never
 * the shared default {@link Backends#current()}.
 */
class ArchitectureTest {
    private static JavaClasses glue;

    @BeforeAll
    static void importClasses() {
        glue = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("hifi.glue");
    }

    @Test
    void theJava25ClassFilesAreRead() {
        assertTrue(glue.contain("hifi.glue.cli.Main"), "hifi.glue.cli.Main was imported");
        assertTrue(glue.contain("hifi.glue.train.FineTuning"), "hifi.glue.train.FineTuning was imported");
        assertTrue(glue.get("hifi.glue.cli.Launcher").getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> d.getTargetClass().getName().equals("picocli.CommandLine")), "dependencies are read");
        assertTrue(glue.size() > 100, "all of glue's classes: " + glue.size());
    }

    @Test
    void gluePackagesAreFreeOfCycles() {
        slices().matching("hifi.glue.(*)..").should().beFreeOfCycles().check(glue);
    }

    @Test
    void corePackagesDoNotDependOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("hifi.glue.cli..")
                .should().dependOnClassesThat().resideInAPackage("hifi.glue.cli..").check(glue);
    }

    @Test
    void libraryCodeTakesItsBackendAsAParameter() {
        JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("hifi");
        assertTrue(all.contain("hifi.engine.backend.Backends") && all.contain("hifi.method.select.SelectionRun"), "engine and hifi imported");
        noClasses().that().resideOutsideOfPackage("hifi.glue.cli..")
                .should().callMethod(Backends.class, "current").check(all);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("hifi.glue.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..").check(glue);
    }
}
