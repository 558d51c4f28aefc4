package hifi.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.Architectures;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.testing.PackageRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The engine's package structure. Every package under {@code hifi.engine} is a layer and may use only the layers
 * listed for it (an arrow points at what a package may use):
 * <pre>
 *   runtime → tensor              kernels → runtime, tensor       backend → kernels, runtime, tensor
 *   io → tensor                   tokenizer → io, tensor          data → tensor
 *   param → backend, data, runtime, tensor
 *   nn → param, backend, runtime, tensor                         (never kernels: modules call the Backend)
 *   bert → nn, param, data, io, backend, runtime, tensor
 *   train → param, data, io, backend, kernels, runtime, tensor   (never nn or bert: it trains a param.TrainableModel)
 *   plan → train, param, data, backend, kernels, runtime, tensor (a simulated device that drives the trainer)
 * </pre>
 * There are no cycles among the packages, every engine class lies in one of these layers, and the engine depends on
 * no module above it ({@code hifi.method}, {@code hifi.glue}, {@code hifi.convert}).
 */
class EngineArchitectureTest {
    private static final JavaClasses ENGINE = PackageRules.mainClassesOf(BertForSequenceClassification.class);

    @Test
    void enginePackagesAreFreeOfCycles() {
        PackageRules.assertNoPackageCycles(ENGINE, "hifi.engine");
    }

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() {
        layers().check(ENGINE);
    }

    @Test
    void engineDependsOnNoModuleAboveIt() {
        PackageRules.assertNoDependency(ENGINE, "hifi.engine", "hifi.method", "hifi.glue", "hifi.convert");
    }

    static Architectures.LayeredArchitecture layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("tensor").definedBy("hifi.engine.tensor..")
                .layer("runtime").definedBy("hifi.engine.runtime..")
                .layer("kernels").definedBy("hifi.engine.kernels..")
                .layer("backend").definedBy("hifi.engine.backend..")
                .layer("io").definedBy("hifi.engine.io..")
                .layer("tokenizer").definedBy("hifi.engine.tokenizer..")
                .layer("data").definedBy("hifi.engine.data..")
                .layer("param").definedBy("hifi.engine.param..")
                .layer("nn").definedBy("hifi.engine.nn..")
                .layer("bert").definedBy("hifi.engine.bert..")
                .layer("train").definedBy("hifi.engine.train..")
                .layer("plan").definedBy("hifi.engine.plan..")
                .whereLayer("tensor").mayNotAccessAnyLayer()
                .whereLayer("runtime").mayOnlyAccessLayers("tensor")
                .whereLayer("kernels").mayOnlyAccessLayers("runtime", "tensor")
                .whereLayer("backend").mayOnlyAccessLayers("kernels", "runtime", "tensor")
                .whereLayer("io").mayOnlyAccessLayers("tensor")
                .whereLayer("tokenizer").mayOnlyAccessLayers("io", "tensor")
                .whereLayer("data").mayOnlyAccessLayers("tensor")
                .whereLayer("param").mayOnlyAccessLayers("backend", "data", "runtime", "tensor")
                .whereLayer("nn").mayOnlyAccessLayers("param", "backend", "runtime", "tensor")
                .whereLayer("bert").mayOnlyAccessLayers("nn", "param", "data", "io", "backend", "runtime", "tensor")
                .whereLayer("train").mayOnlyAccessLayers("param", "data", "io", "backend", "kernels", "runtime", "tensor")
                .whereLayer("plan").mayOnlyAccessLayers("train", "param", "data", "backend", "kernels", "runtime", "tensor");
    }
}
