package hifi.glue.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads one split of a GLUE task from the standard {@code glue_data/<TASK>/<split>.tsv} layout, following its
 * {@link SplitLayout}. Rows with the wrong number of columns, an unknown label or an unparsable score are handled by
 * the {@link MalformedRowPolicy}; a header with the wrong number of columns means the wrong file and always fails.
 */
public final class GlueTsvReader {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private GlueTsvReader() {
    }

    /** Reads {@code split} of {@code task} from the {@code glue_data} folder {@code dataRoot}. */
    public static TaskSplit read(GlueTask task, Path dataRoot, String split, ReadOptions options) throws IOException {
        if (!task.isGlue()) throw new IllegalArgumentException(task.key() + " is not stored as GLUE TSV files");
        SplitLayout layout = task.layout(split);
        Path file = dataRoot.resolve(task.dirName()).resolve(layout.fileName());
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no " + task.dirName() + "/" + layout.fileName()
                    + " under " + dataRoot + " (expected the glue_data layout <data>/" + task.dirName() + "/"
                    + layout.fileName() + ")");
        }
        return readFile(task, layout, file, options);
    }

    /** Reads a file that follows {@code layout} (the file may have any name). */
    public static TaskSplit readFile(GlueTask task, SplitLayout layout, Path file, ReadOptions options)
            throws IOException {
        RowProblems problems = new RowProblems(options.policy());
        List<Example> examples = new ArrayList<>();
        try (TsvLineReader lines = new TsvLineReader(file)) {
            if (layout.header()) checkHeader(lines, layout, file);
            int row = 0;
            for (String line = lines.next(); line != null; line = lines.next()) {
                String[] cols = line.split("\t", -1);
                String where = file + ":" + lines.lineNumber();
                if (cols.length != layout.columns()) {
                    problems.report(new RowProblem(where, "expected " + layout.columns()
                            + " tab-separated columns, found " + cols.length));
                } else {
                    Example e = toExample(task, layout, cols, row, where, problems);
                    if (e != null) examples.add(e);
                }
                row++;
            }
        }
        problems.printSummary(file.toString(), options.warnings());
        return new TaskSplit(task, layout.name(), file.toString(), examples, problems.skipped());
    }

    private static void checkHeader(TsvLineReader lines, SplitLayout layout, Path file) throws IOException {
        String header = lines.next();
        if (header == null) throw new IOException(file + ": empty file (expected a header line)");
        int found = header.split("\t", -1).length;
        if (found != layout.columns()) {
            throw new IOException(file + ":1: header has " + found + " columns, expected " + layout.columns()
                    + " for the " + layout.name() + " split — is this the right file?");
        }
    }

    private static Example toExample(GlueTask task, SplitLayout layout, String[] cols, int row, String where,
                                     RowProblems problems) {
        String id = layout.idColumn() >= 0 ? cols[layout.idColumn()] : Integer.toString(row);
        String a = cols[layout.textAColumn()];
        String b = layout.textBColumn() >= 0 ? cols[layout.textBColumn()] : null;
        if (!layout.labelled()) {
            return task.isRegression() ? Example.scored(id, a, b, Float.NaN) : Example.classified(id, a, b, Example.NO_LABEL);
        }
        String gold = cols[layout.labelColumn()].strip();
        if (task.isRegression()) {
            float score = parseScore(gold);
            if (Float.isNaN(score)) {
                problems.report(new RowProblem(where, "score '" + gold + "' is not a finite number"));
                return null;
            }
            return Example.scored(id, a, b, score);
        }
        int label = task.labelIndex(gold);
        if (label < 0) {
            problems.report(new RowProblem(where, "unknown label '" + gold + "' (expected one of "
                    + String.join(", ", task.labels()) + ")"));
            return null;
        }
        return Example.classified(id, a, b, label);
    }

    /** The score, or NaN if it is not a plain decimal number. */
    private static float parseScore(String s) {
        if (!DECIMAL.matcher(s).matches()) return Float.NaN;
        try {
            float f = Float.parseFloat(s);
            return Float.isFinite(f) ? f : Float.NaN;
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }
}
