package hifi.method.select;

import hifi.engine.backend.Backend;
import hifi.method.scoring.HeadId;
import hifi.method.scoring.HeadRanker;
import hifi.method.scoring.HeadScores;
import hifi.method.scoring.HeadStatistics;
import hifi.method.scoring.KendallTau;
import hifi.method.stats.HeadStatisticsAccumulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * HiFi head selection end to end (docs/method.md#3-the-selection-pipeline): draw the seeded calibration sample from
 * the training examples, run the frozen model over it in batches with the statistics listener, rank heads (PageRank on
 * the head graph, or an ablation), select, and measure stability as Kendall τ per layer between the rankings of the
 * sample's two halves.
 */
public final class HeadSelector {
    private final Backend backend;
    private final Consumer<String> log;

    /**
     * @param backend where the statistics GEMMs run (normally the model's backend)
     * @param log     progress and warnings, one line each
     */
    public HeadSelector(Backend backend, Consumer<String> log) {
        this.backend = backend;
        this.log = log;
    }

    public SelectionResult select(HeadOutputModel model, List<TextExample> training, SelectionConfig config, String task) {
        long start = System.nanoTime();
        int[] indices = CalibrationSample.draw(training.size(), config.samples(), config.seed());
        if (indices.length < 2) throw new IllegalArgumentException("need at least 2 training examples for two halves, got " + indices.length);
        List<TextExample> sample = CalibrationSample.select(training, indices);
        if (indices.length < config.samples()) {
            log.accept("note: the training data has only " + indices.length + " examples; using all of them (asked for " + config.samples() + ")");
        }
        int layers = model.layers(), heads = model.heads();
        int half = sample.size() / 2;
        var accumulator = new HeadStatisticsAccumulator(layers, heads, config.richness(), config.correlation(),
                config.needsCrossLayer(), backend, half);
        var timed = new TimedListener(accumulator);

        long forwardStart = System.nanoTime();
        for (int from = 0; from < sample.size(); from += config.batchSize()) {
            List<TextExample> batch = sample.subList(from, Math.min(sample.size(), from + config.batchSize()));
            model.forward(batch, config.maxLength(), timed);
            log.accept(String.format("statistics: %d / %d examples", Math.min(sample.size(), from + config.batchSize()), sample.size()));
        }
        long forwardNanos = System.nanoTime() - forwardStart;
        if (accumulator.samples() != sample.size()) {
            throw new IllegalStateException("the model reported " + accumulator.samples() + " complete examples for " + sample.size() + " sent");
        }

        HeadRanker ranker = config.ranker();
        HeadStatistics statistics = accumulator.statistics();
        long rankStart = System.nanoTime();
        HeadScores scores = ranker.rank(statistics);
        long rankNanos = System.nanoTime() - rankStart;
        for (HeadScores.GraphRun run : scores.runs()) {
            if (!run.converged()) log.accept("WARNING: PageRank on " + run.graph() + " did not converge in " + run.iterations() + " iterations");
        }
        List<HeadId> selected = config.pick(scores.scores());

        List<HeadScores> halves = List.of(ranker.rank(accumulator.statistics(HeadStatisticsAccumulator.FIRST_HALF)),
                ranker.rank(accumulator.statistics(HeadStatisticsAccumulator.SECOND_HALF)));
        double[] tau = new double[layers];
        for (int l = 0; l < layers; l++) tau[l] = KendallTau.tauB(halves.get(0).scores()[l], halves.get(1).scores()[l]);

        List<String> ids = new ArrayList<>(sample.size());
        for (TextExample e : sample) ids.add(e.id());
        long statsNanos = timed.nanos();
        var timings = new SelectionResult.Timings((forwardNanos - statsNanos) * 1e-9, statsNanos * 1e-9, rankNanos * 1e-9,
                (System.nanoTime() - start) * 1e-9);
        SelectionResult result = new SelectionResult(config, model.description(), task == null ? "" : task, layers, heads, ids,
                statistics, scores, selected, halves, tau, timings);
        if (!result.unstableLayers().isEmpty()) {
            log.accept("WARNING: Kendall τ between the two halves is below " + SelectionResult.STABLE_TAU + " (or undefined) in layers "
                    + result.unstableLayers() + ": consider more --samples");
        }
        return result;
    }
}
