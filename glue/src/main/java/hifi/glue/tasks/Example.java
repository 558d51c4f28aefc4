package hifi.glue.tasks;

/**
 * One example of a task: a sentence or a sentence pair with its gold answer.
 *
 * @param id     the row's id: the file's index column where it has one, otherwise the 0-based data-row number
 * @param textA  the first (or only) sentence
 * @param textB  the second sentence of a pair task, {@code null} for single-sentence tasks
 * @param label  the class index into {@link GlueTask#labels()}, or {@code -1} for regression tasks and unlabelled
 *               (test) rows
 * @param target the regression target (STS-B similarity score), {@link Float#NaN} where there is none
 */
public record Example(String id, String textA, String textB, int label, float target) {

    /** Label value of a row without a class label. */
    public static final int NO_LABEL = -1;

    public Example {
        if (id == null || textA == null) throw new IllegalArgumentException("an example needs an id and a first text");
        if (label < NO_LABEL) throw new IllegalArgumentException("label must be >= -1, got " + label);
    }

    /** A classification example (label {@code -1} when unlabelled). */
    public static Example classified(String id, String textA, String textB, int label) {
        return new Example(id, textA, textB, label, Float.NaN);
    }

    /** A regression example (target NaN when unlabelled). */
    public static Example scored(String id, String textA, String textB, float target) {
        return new Example(id, textA, textB, NO_LABEL, target);
    }

    /** Whether the example is a sentence pair. */
    public boolean isPair() {
        return textB != null;
    }

    /** Whether the example carries a gold answer (a class label or a regression target). */
    public boolean hasGold() {
        return label != NO_LABEL || !Float.isNaN(target);
    }
}
