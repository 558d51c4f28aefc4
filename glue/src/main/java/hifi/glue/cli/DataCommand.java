package hifi.glue.cli;

import hifi.glue.io.MarkdownTable;
import hifi.glue.tasks.Example;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.TaskSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code data}: reads every split of a task and prints a table of row counts, label counts and skipped rows — a
 * check that a data folder is complete and well-formed before a long run. Missing split files are listed and make
 * the exit code 1.
 */
@Command(name = "data", description = "Check a task's data files: rows, labels and malformed rows per split.")
public final class DataCommand extends AppCommand {
    @Mixin
    TaskOptions data;

    @Override
    protected boolean computes() {
        return false;
    }

    @Override
    protected int execute(Invocation run) throws Exception {
        PrintStream out = run.out(), err = run.err();
        GlueTask task = data.task();
        MarkdownTable table = new MarkdownTable(List.of("split", "rows", "labels", "skipped"), 1);
        List<String> missing = new ArrayList<>();
        for (String split : task.splits()) {
            try {
                TaskSplit s = data.load(split, err);
                table.row(List.of(split, Integer.toString(s.size()), labels(task, s), Integer.toString(s.skipped().size())));
            } catch (NoSuchFileException e) {
                missing.add(e.getFile());
                table.row(List.of(split, "missing", "", ""));
            }
        }
        out.println(task.dirName() + " (" + (task.isRegression() ? "regression" : task.numLabels() + " classes")
                + ", metrics: " + String.join(", ", task.metrics().stream().map(m -> m.key()).toList()) + ")");
        out.print(table.render());
        if (missing.isEmpty()) return Exit.OK;
        err.println("data: missing " + String.join(", ", missing));
        return Exit.FAILURE;
    }

    private static String labels(GlueTask task, TaskSplit s) {
        if (!s.labelled()) return "unlabelled";
        if (task.isRegression()) {
            double sum = 0;
            for (Example e : s.examples()) sum += e.target();
            return String.format(Locale.ROOT, "mean score %.3f", sum / s.size());
        }
        int[] counts = new int[task.numLabels()];
        for (Example e : s.examples()) counts[e.label()]++;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) parts.add(task.labelName(i) + ": " + counts[i]);
        return String.join(", ", parts);
    }
}
