package hifi.glue.tasks;

import java.util.ArrayList;
import java.util.List;

/**
 * The examples of one split of one task, with the rows that were skipped as malformed.
 *
 * @param task     the task
 * @param split    the split name ({@code train}, {@code dev}, {@code dev_matched}, …)
 * @param source   where it was read from (a file, a folder or a classpath resource)
 * @param examples the examples in file order
 * @param skipped  malformed rows that were dropped (always empty under {@link MalformedRowPolicy#FAIL})
 */
public record TaskSplit(GlueTask task, String split, String source, List<Example> examples, List<RowProblem> skipped) {

    public TaskSplit {
        examples = List.copyOf(examples);
        skipped = List.copyOf(skipped);
    }

    /** Number of examples. */
    public int size() {
        return examples.size();
    }

    /**
     * A fixed-seed subset of {@code n} examples (all of them if {@code n} is not smaller than the split), in file
     * order; for example SST-2's training subset or the calibration sample of head selection.
     */
    public TaskSplit sample(int n, long seed) {
        if (n < 0) throw new IllegalArgumentException("sample size must be >= 0, got " + n);
        if (n >= examples.size()) return this;
        boolean[] keep = SeededShuffle.chosen(examples.size(), n, seed);
        List<Example> kept = new ArrayList<>(n);
        for (int i = 0; i < keep.length; i++) if (keep[i]) kept.add(examples.get(i));
        return new TaskSplit(task, split, source, kept, skipped);
    }

    /** Whether every example carries a gold answer. */
    public boolean labelled() {
        return examples.stream().allMatch(Example::hasGold);
    }
}
