package hifi.glue.cli;

import hifi.glue.model.EncodedSplit;
import hifi.glue.model.Predictions;
import hifi.glue.model.Predictor;
import hifi.glue.model.TaskEncoder;
import hifi.glue.model.TaskModel;
import hifi.glue.predict.SubmissionWriter;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.TaskSplit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code predict}: a fine-tuned model (or base model plus adapter) on a task's unlabelled test split(s), written as
 * GLUE-submission TSV files ({@code RTE.tsv}, {@code MNLI-m.tsv}, …) into the output folder.
 */
public final class PredictCommand extends FlagCommand {

    @Override
    public String name() {
        return "predict";
    }

    @Override
    protected Flags flags() {
        return ModelFlags.add(TaskFlags.add(new Flags(name(),
                "Predict a task's test split(s) and write GLUE submission files (index<TAB>prediction).")))
                .path("out", "DIR", Flags.REQUIRED, "folder for the submission TSV file(s)");
    }

    @Override
    protected int execute(FlagValues flags, PrintStream out, PrintStream err) throws Exception {
        GlueTask task = TaskFlags.task(flags);
        List<String> splits = task.testSplits();
        if (splits.isEmpty()) throw new UsageException("task " + task.key() + " has no test split to predict");
        TaskModel model = ModelFlags.open(flags, task);
        TaskEncoder encoder = ModelFlags.encoder(flags, model);
        Predictor predictor = new Predictor(flags.integer("batch-size"), encoder.padId());
        for (String split : splits) {
            TaskSplit data = TaskFlags.load(flags, split, err);
            EncodedSplit encoded = EncodedSplit.of(data, encoder);
            Predictions p;
            try (ProgressBar bar = ProgressBar.create("predict " + task.key() + " " + split, encoded.size(), "ex")) {
                p = predictor.predict(model.model(), encoded.encodings(), bar);
            }
            Path file = p.isRegression()
                    ? SubmissionWriter.writeScores(flags.path("out"), task, split, data.examples(), p.scores())
                    : SubmissionWriter.writeClasses(flags.path("out"), task, split, data.examples(), p.classes());
            out.println("wrote " + file + " (" + encoded.size() + " predictions)");
        }
        return CommandLine.EXIT_OK;
    }
}
