package hifi.glue.cli;

import hifi.engine.io.AtomicFiles;
import hifi.engine.io.Json;
import hifi.glue.metrics.TaskScores;
import hifi.glue.model.EncodedSplit;
import hifi.glue.model.Predictions;
import hifi.glue.model.Predictor;
import hifi.glue.model.TaskEncoder;
import hifi.glue.model.TaskModel;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.TaskSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code eval}: a fine-tuned model (or a base model plus an adapter) on a task's labelled split(s) — by default the
 * dev split, MNLI's two — printing the official metrics and optionally writing them as JSON.
 */
@Command(name = "eval",
        description = "Score a fine-tuned model (or --model BASE --adapter RUN/adapter) on a task's dev split with the official metrics.")
public final class EvalCommand extends AppCommand {
    @Mixin
    TaskOptions data;

    @Mixin
    ModelOptions models;

    @Option(names = "--split", paramLabel = "NAME", order = 20,
            description = "a labelled split to score instead of the dev split(s) (e.g. train)")
    String split;

    @Option(names = "--out", paramLabel = "FILE", order = 21, description = "also write the metrics as JSON to FILE")
    Path outFile;

    @Override
    protected int execute(Invocation run) throws Exception {
        PrintStream out = run.out(), err = run.err();
        GlueTask task = data.task();
        List<String> splits = split != null ? List.of(split) : task.devSplits();
        for (String s : splits) {
            if (!task.splits().contains(s)) {
                throw new UsageException("task " + task.key() + " has no split '" + s + "' (splits: " + String.join(", ", task.splits()) + ")");
            }
        }
        models.check();
        data.dataRoot();
        TaskModel model = models.open(task, run.backend());
        TaskEncoder encoder = models.encoder(model);
        Predictor predictor = new Predictor(models.batchSize, encoder.padId());
        List<Object> results = new ArrayList<>();
        for (String split : splits) {
            TaskSplit data = this.data.load(split, err);
            if (!data.labelled()) throw new IllegalArgumentException(task.key() + " " + split + " has no gold labels (a test split?): use predict");
            EncodedSplit encoded = EncodedSplit.of(data, encoder);
            Predictions p;
            try (ProgressBar bar = ProgressBar.create("eval " + task.key() + " " + split, encoded.size(), "ex")) {
                p = predictor.predict(model.model(), encoded.encodings(), bar);
            }
            TaskScores scores = encoded.score(p);
            out.println(format(scores, encoded.size()));
            Map<String, Object> json = new LinkedHashMap<>(scores.toJson());
            json.put("examples", encoded.size());
            results.add(json);
        }
        if (outFile != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", models.model.toString());
            if (models.adapter != null) doc.put("adapter", models.adapter.toString());
            doc.put("max_length", encoder.maxLength());
            doc.put("results", results);
            AtomicFiles.writeString(outFile, Json.pretty(doc));
        }
        return Exit.OK;
    }

    /** {@code mrpc dev (408 examples): f1 0.8912 accuracy 0.8480  score 0.8696}. */
    public static String format(TaskScores scores, int examples) {
        return format(scores, String.format(Locale.ROOT, " (%d examples)", examples));
    }

    /** {@code mrpc dev: f1 0.8912 accuracy 0.8480  score 0.8696}. */
    public static String format(TaskScores scores) {
        return format(scores, "");
    }

    private static String format(TaskScores scores, String count) {
        StringBuilder sb = new StringBuilder(scores.task().key() + " " + scores.split() + count + ":");
        for (var e : scores.metrics().entrySet()) sb.append(String.format(Locale.ROOT, " %s %.4f", e.getKey(), e.getValue()));
        if (scores.metrics().size() > 1) sb.append(String.format(Locale.ROOT, "  score %.4f", scores.score()));
        return sb.toString();
    }
}
