package hifi.glue.tasks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects malformed rows while a file is read and applies the {@link MalformedRowPolicy}: throws at once under
 * {@code FAIL}; under {@code SKIP} keeps them and, at the end, prints how many were skipped and the first few.
 */
final class RowProblems {
    private static final int SHOWN = 5;

    private final MalformedRowPolicy policy;
    private final List<RowProblem> skipped = new ArrayList<>();

    RowProblems(MalformedRowPolicy policy) {
        this.policy = policy;
    }

    void report(RowProblem problem) {
        if (policy == MalformedRowPolicy.FAIL) throw new MalformedRowException(problem);
        skipped.add(problem);
    }

    List<RowProblem> skipped() {
        return skipped;
    }

    /** Prints the skip count (if any) to {@code warnings}. */
    void printSummary(String source, PrintStream warnings) {
        if (skipped.isEmpty() || warnings == null) return;
        warnings.println("warning: skipped " + skipped.size() + " malformed row" + (skipped.size() == 1 ? "" : "s")
                + " in " + source);
        for (int i = 0; i < Math.min(SHOWN, skipped.size()); i++) warnings.println("  " + skipped.get(i));
        if (skipped.size() > SHOWN) warnings.println("  … and " + (skipped.size() - SHOWN) + " more");
    }
}
