package hifi.glue.train;

import hifi.engine.train.Evaluation;
import hifi.engine.train.TrainingListener;
import hifi.glue.io.LogRecords;
import hifi.glue.io.MetricsLog;
import hifi.glue.progress.Progress;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Connects the trainer's callbacks to the run's outputs: one {@code train} record per update and one {@code eval}
 * record per evaluation in {@code metrics.jsonl} ({@link LogRecords}), the progress bar with the running loss, and
 * a console line per evaluation.
 */
final class RunLog implements TrainingListener {
    private final MetricsLog metrics;
    private final Progress bar;
    private final DevEvaluator evaluator;
    private final int updatesPerEpoch;
    private final PrintStream console;
    private double smoothed = Double.NaN;
    private long lastStepNanos = -1;
    private long timedNanos;
    private int timedSteps;

    RunLog(MetricsLog metrics, Progress bar, DevEvaluator evaluator, int updatesPerEpoch, PrintStream console) {
        this.metrics = metrics;
        this.bar = bar;
        this.evaluator = evaluator;
        this.updatesPerEpoch = updatesPerEpoch;
        this.console = console;
    }

    private double epoch(long step) {
        return (double) step / updatesPerEpoch;
    }

    /**
     * The mean wall time of an update in this process, in seconds: the time between consecutive updates, leaving out
     * the first update and any interval that held an evaluation or a checkpoint; NaN with fewer than two updates.
     */
    double meanStepSeconds() {
        return timedSteps == 0 ? Double.NaN : timedNanos * 1e-9 / timedSteps;
    }

    @Override
    public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
        long now = System.nanoTime();
        if (lastStepNanos >= 0) {
            timedNanos += now - lastStepNanos;
            timedSteps++;
        }
        lastStepNanos = now;
        smoothed = Double.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
        write(LogRecords.train(step, epoch(step), loss, lr));
        bar.status(String.format(Locale.ROOT, "loss %.4f", smoothed));
        bar.set(step);
    }

    @Override
    public void onEvaluation(Evaluation e) {
        lastStepNanos = -1;  // the interval to the next update holds the evaluation
        if (evaluator.last() == null) return;
        evaluator.recordStep(e.step());
        write(LogRecords.eval(e.step(), epoch(e.step()), evaluator.last(), Double.NaN));
        StringBuilder metrics = new StringBuilder();
        for (var m : evaluator.last().metrics().entrySet()) metrics.append(String.format(Locale.ROOT, " %s %.4f", m.getKey(), m.getValue()));
        console.printf(Locale.ROOT, "step %d (epoch %.2f): %s%s%s%n", e.step(), epoch(e.step()), evaluator.last().split(),
                metrics, e.improved() ? " (best so far)" : "");
    }

    @Override
    public void onCheckpoint(Path file, long step) {
        lastStepNanos = -1;
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("event", "checkpoint");
        m.put("step", step);
        m.put("file", file.getFileName().toString());
        write(m);
    }

    private void write(java.util.Map<String, Object> record) {
        try {
            metrics.log(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + metrics.file() + ": " + e.getMessage(), e);
        }
    }
}
