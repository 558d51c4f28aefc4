package hifi.glue.predict;

import hifi.glue.io.AtomicFiles;
import hifi.glue.tasks.Example;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.SplitLayout;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes GLUE-submission TSV files: a header {@code index\tprediction}, then one row per test example in file order,
 * the index being the test file's {@code index} column. Classification predictions are written as the task's label
 * names, the strings GLUE expects ({@code entailment}/{@code not_entailment} for RTE and QNLI, {@code entailment}/
 * {@code neutral}/{@code contradiction} for MNLI, {@code 0}/{@code 1} elsewhere); STS-B scores as plain decimals.
 * Files are named as the GLUE server expects ({@code RTE.tsv}, {@code MNLI-m.tsv}, …) and written atomically.
 */
public final class SubmissionWriter {
    private SubmissionWriter() {
    }

    /** The file the GLUE server expects for predictions on {@code testSplit} of {@code task}. */
    public static String fileName(GlueTask task, String testSplit) {
        SplitLayout layout = task.layout(testSplit);
        if (layout.submissionFile() == null) throw new IllegalArgumentException(task.key() + " " + testSplit + " is not a test split");
        return layout.submissionFile();
    }

    /** Writes class predictions into {@code outDir/<submission file>} and returns that path. */
    public static Path writeClasses(Path outDir, GlueTask task, String testSplit, List<Example> examples,
                                    int[] predicted) throws IOException {
        if (task.isRegression()) throw new IllegalArgumentException(task.key() + " is a regression task: write scores");
        check(examples.size(), predicted.length);
        String[] cells = new String[predicted.length];
        for (int i = 0; i < cells.length; i++) cells[i] = task.labelName(predicted[i]);
        return write(outDir.resolve(fileName(task, testSplit)), examples, cells);
    }

    /** Writes regression predictions (STS-B) into {@code outDir/<submission file>} and returns that path. */
    public static Path writeScores(Path outDir, GlueTask task, String testSplit, List<Example> examples,
                                   float[] predicted) throws IOException {
        if (!task.isRegression()) throw new IllegalArgumentException(task.key() + " is a classification task: write classes");
        check(examples.size(), predicted.length);
        String[] cells = new String[predicted.length];
        for (int i = 0; i < cells.length; i++) {
            if (!Float.isFinite(predicted[i])) {
                throw new IllegalArgumentException("prediction for " + examples.get(i).id() + " is " + predicted[i]);
            }
            cells[i] = new BigDecimal(Float.toString(predicted[i])).stripTrailingZeros().toPlainString();
        }
        return write(outDir.resolve(fileName(task, testSplit)), examples, cells);
    }

    private static void check(int examples, int predictions) {
        if (examples != predictions) {
            throw new IllegalArgumentException(predictions + " predictions for " + examples + " test examples");
        }
    }

    private static Path write(Path file, List<Example> examples, String[] cells) throws IOException {
        AtomicFiles.write(file, out -> {
            out.write("index\tprediction\n");
            for (int i = 0; i < cells.length; i++) {
                out.write(examples.get(i).id());
                out.write('\t');
                out.write(cells[i]);
                out.write('\n');
            }
        });
        return file;
    }
}
