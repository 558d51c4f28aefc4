package hifi.glue.tasks;

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

    /** Whether every example carries a gold answer. */
    public boolean labelled() {
        return examples.stream().allMatch(Example::hasGold);
    }
}
