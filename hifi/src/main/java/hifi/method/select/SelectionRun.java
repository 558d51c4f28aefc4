package hifi.method.select;

import hifi.engine.backend.Backend;
import hifi.method.scoring.HeadId;
import hifi.method.scoring.HeadScores;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One head-selection run with its console report: read a task's training examples, rank the attention heads of a
 * pre-trained model, write {@code heads.json} and {@code heads.png} to the output folder, and print the selected heads,
 * stability and timings. The application's command line ({@code hifi select}) reads the options into a
 * {@link SelectionConfig} and calls {@link #run}.
 *
 * <p>Reading task data is the caller's business ({@link TrainingData}; the GLUE module supplies it), as is opening a
 * model directory ({@link ModelOpener}). Everything is read and checked before the output folder is created.
 */
public final class SelectionRun {

    /** The training examples of a task, from a data folder ({@code null}: the task's bundled copy, if it has one). */
    @FunctionalInterface
    public interface TrainingData {
        List<TextExample> load(String task, Path dataDir) throws IOException;
    }

    /** A model folder opened for head selection. */
    @FunctionalInterface
    public interface ModelOpener {
        HeadOutputModel open(Path modelDir, Backend backend) throws IOException;
    }

    private final TrainingData data;
    private final ModelOpener models;
    private final PrintStream out;
    private final PrintStream err;

    /** @param out the report; @param err the selector's progress lines */
    public SelectionRun(TrainingData data, ModelOpener models, PrintStream out, PrintStream err) {
        this.data = data;
        this.models = models;
        this.out = out;
        this.err = err;
    }

    /**
     * Selects heads of the model in {@code modelDir} on {@code task}'s training examples from {@code dataDir} (null: the
     * bundled copy) and writes {@code heads.json} and {@code heads.png} into {@code outDir}.
     *
     * @throws IllegalArgumentException for a missing folder or a task without data, naming it
     * @throws IOException              when reading or writing fails
     */
    public SelectionResult run(Path modelDir, String task, Path dataDir, Path outDir, SelectionConfig config, Backend backend)
            throws IOException {
        if (!Files.isDirectory(modelDir)) throw new IllegalArgumentException("--model " + modelDir + " is not a folder");
        if (dataDir != null && !Files.isDirectory(dataDir)) throw new IllegalArgumentException("--data " + dataDir + " is not a folder");
        List<TextExample> training = data.load(task, dataDir);
        HeadOutputModel model = models.open(modelDir, backend);
        out.printf("select: %s, task %s (%d training examples), %d samples, method %s, variant %s, scope %s, richness %s, correlation %s%n",
                model.description(), task, training.size(), Math.min(config.samples(), training.size()), config.method(),
                config.variant(), config.scope().label(), config.richness().name(), config.correlation().name());
        SelectionResult result = new HeadSelector(backend, err::println).select(model, training, config, task);
        Files.createDirectories(outDir);
        HeadsJson.write(result, outDir.resolve("heads.json"));
        HeadHeatmap.write(result.scores().scores(), result.selected(), outDir.resolve("heads.png"));
        report(result, outDir);
        return result;
    }

    private void report(SelectionResult r, Path outDir) {
        for (int l = 0; l < r.layers(); l++) {
            StringBuilder heads = new StringBuilder();
            for (HeadId h : r.selected()) if (h.layer() == l) heads.append(heads.isEmpty() ? "" : ", ").append(h.head());
            out.printf(Locale.ROOT, "layer %2d: heads [%s]  stability tau %s%n", l, heads, format(r.stabilityTau()[l]));
        }
        StringBuilder iterations = new StringBuilder();
        for (HeadScores.GraphRun run : r.scores().runs()) iterations.append(iterations.isEmpty() ? "" : " ").append(run.iterations());
        out.printf(Locale.ROOT, "PageRank iterations: %s%s%n", iterations.isEmpty() ? "none (no graph)" : iterations,
                r.scores().allConverged() ? "" : "  (NOT all converged)");
        out.printf(Locale.ROOT, "Kendall tau between halves: mean %s%n", format(r.meanStabilityTau()));
        var t = r.timings();
        out.printf(Locale.ROOT, "time: forward %.2f s, statistics %.2f s, PageRank %.4f s, total %.2f s%n",
                t.forwardSeconds(), t.statisticsSeconds(), t.pageRankSeconds(), t.totalSeconds());
        out.println("wrote " + outDir.resolve("heads.json") + " and " + outDir.resolve("heads.png"));
    }

    private static String format(double tau) {
        return Double.isNaN(tau) ? "undefined" : String.format(Locale.ROOT, "%.3f", tau);
    }
}
