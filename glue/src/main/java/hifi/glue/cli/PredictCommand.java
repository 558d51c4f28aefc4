package hifi.glue.cli;

import hifi.glue.cluster.Cluster;
import hifi.glue.model.EncodedSplit;
import hifi.glue.model.Predictions;
import hifi.glue.model.Predictor;
import hifi.glue.model.TaskEncoder;
import hifi.glue.model.TaskModel;
import hifi.glue.predict.SubmissionWriter;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.TaskSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code predict}: a fine-tuned model (or base model plus adapter) on a task's unlabelled test split(s), written as
 * GLUE-submission TSV files ({@code RTE.tsv}, {@code MNLI-m.tsv}, …) into the output folder.
 */
@Command(name = "predict", description = "Predict a task's test split(s) and write GLUE submission files (index<TAB>prediction).")
public final class PredictCommand extends AppCommand {
    @Mixin
    TaskOptions task;

    @Mixin
    ModelOptions models;

    @Option(names = "--out", paramLabel = "DIR", required = true, order = 20, description = "folder for the submission TSV file(s)")
    Path outDir;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--partitions", paramLabel = "P", order = 96,
            description = "with --master: spread the batches over P tasks (default: the cluster's parallelism)")
    Integer partitions;

    @Override
    protected int execute(Invocation run) throws Exception {
        PrintStream out = run.out(), err = run.err();
        GlueTask task = this.task.task();
        List<String> splits = task.testSplits();
        if (splits.isEmpty()) throw new UsageException("task " + task.key() + " has no test split to predict");
        models.check();
        cluster.checkPartitions(partitions);
        this.task.dataRoot();
        List<TaskSplit> inputs = new ArrayList<>();
        for (String split : splits) inputs.add(this.task.load(split, err));
        TaskModel model = models.open(task, run.backend());
        TaskEncoder encoder = models.encoder(model);
        Predictor predictor = new Predictor(models.batchSize, encoder.padId());
        try (Cluster c = cluster.distributed() ? cluster.connect(run) : null) {
            for (TaskSplit data : inputs) write(out, task, data, EncodedSplit.of(data, encoder), model, predictor, c);
        }
        return Exit.OK;
    }

    /** Predicts one split, here or on the cluster {@code c}, and writes its submission file. */
    private void write(PrintStream out, GlueTask task, TaskSplit data, EncodedSplit encoded, TaskModel model, Predictor predictor,
                       Cluster c) throws IOException {
        String split = data.split();
        Predictions p;
        if (c != null) {
            p = c.predict(model.model(), predictor, encoded.encodings(), partitions != null ? partitions : c.defaultParallelism());
        } else {
            try (ProgressBar bar = ProgressBar.create("predict " + task.key() + " " + split, encoded.size(), "ex")) {
                p = predictor.predict(model.model(), encoded.encodings(), bar);
            }
        }
        Path file = p.isRegression()
                ? SubmissionWriter.writeScores(outDir, task, split, data.examples(), p.scores())
                : SubmissionWriter.writeClasses(outDir, task, split, data.examples(), p.classes());
        out.println("wrote " + file + " (" + encoded.size() + " predictions)");
    }
}
