package hifi.glue.cluster;

import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.tokenizer.Encoding;
import hifi.glue.model.Predictions;
import hifi.glue.model.Predictor;
import hifi.glue.run.RunOutcome;
import hifi.glue.run.SweepConfig;
import hifi.glue.train.MicroBatchPlacement;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A compute cluster that runs the heavy part of {@code sweep}, {@code train} and {@code predict} on its executors,
 * with the same results as this process computes them. Found through {@link Clusters#connect}; the command line opens
 * one per invocation and closes it at the end.
 */
public interface Cluster extends AutoCloseable {

    /**
     * Runs the runs of {@code config} that {@code sweepDir} has not finished, each as one task that trains it as the
     * in-process sweep does ({@code hifi.glue.run.SweepRunner#runOne}), and writes the summary; the outcome lists the
     * runs as the in-process sweep's does.
     */
    RunOutcome sweep(SweepConfig config, Path sweepDir, PrintStream log) throws IOException;

    /** Computes a training run's micro-batches on the executors, one task per micro-batch. */
    MicroBatchPlacement training();

    /**
     * The predictions of {@code model} for {@code encodings}: {@code predictor}'s batches spread over
     * {@code partitions} tasks, identical in content and order to {@code predictor.predict(model, encodings, …)}.
     */
    Predictions predict(BertForSequenceClassification model, Predictor predictor, List<Encoding> encodings, int partitions);

    /** How many tasks the cluster runs at once by default (Spark's default parallelism). */
    int defaultParallelism();

    @Override
    void close();
}
