package hifi.glue.cli;

import hifi.glue.experiments.MethodComparison;
import hifi.method.methods.Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compare-methods}: the {@link MethodComparison} experiment on the bundled sentiment sentences — several
 * methods, each with several seeds, mean dev accuracy per method and a PASS/FAIL line for HiFi against full
 * fine-tuning and the linear probe.
 */
@Command(name = "compare-methods",
        description = "Compare methods over seeds on the bundled sentiment sentences (mean dev accuracy per method; PASS/FAIL).")
public final class CompareMethodsCommand extends AppCommand {
    @Option(names = "--model", paramLabel = "DIR", required = true, order = 1, description = "the model directory (from convert)")
    Path model;

    @Option(names = "--seeds", paramLabel = "S,S,...", split = ",", defaultValue = "1,2,3", order = 2,
            description = "seeds of every method (default: ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Option(names = "--methods", paramLabel = "M,M,...", split = ",", defaultValue = "hifi,full,linear-probe", order = 3,
            completionCandidates = TrainCommand.MethodNames.class, description = "methods, in order (default: ${DEFAULT-VALUE})")
    List<Method> methods;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", order = 4, description = "epochs of each run (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", order = 5, description = "examples per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "64", order = 6, description = "tokens per sentence (default: ${DEFAULT-VALUE})")
    int maxLength;

    @Option(names = "--k", paramLabel = "K", defaultValue = "1", order = 7, description = "heads per layer (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--train-subset", paramLabel = "N", defaultValue = "0", order = 8,
            description = "train on a fixed-seed subset of N sentences (0: all) (default: ${DEFAULT-VALUE})")
    int trainSubset;

    @Option(names = "--lr", paramLabel = "METHOD=RATE", order = 9,
            description = "a method's peak learning rate (default: full 3e-5, linear-probe and bitfit 1e-3, others 5e-4)")
    Map<Method, Float> learningRates;

    @Override
    protected int execute(Invocation run) throws Exception {
        if (epochs < 1 || batch < 1 || maxLength < 3 || k < 1 || trainSubset < 0) {
            throw new UsageException("--epochs, --batch and --k must be ≥ 1, --max-length ≥ 3 and --train-subset ≥ 0");
        }
        Map<Method, Float> rates = new EnumMap<>(Method.class);
        if (learningRates != null) rates.putAll(learningRates);
        MethodComparison.run(new MethodComparison.Settings(model, seeds, methods, epochs, batch, maxLength, k, trainSubset, rates),
                run.backend(), run.out());
        return Exit.OK;
    }
}
