package hifi.glue.tasks;

/**
 * Where things are in one GLUE TSV file: the file name inside the task folder, whether the first line is a header,
 * how many tab-separated columns every row has, and which column holds the id, the texts and the gold answer.
 * Column indices are 0-based; {@code -1} means "not present".
 *
 * @param name           the split's name ({@code train}, {@code dev}, {@code test}, {@code dev_matched}, …)
 * @param fileName       the file inside {@code glue_data/<TASK>/}
 * @param header         whether the first line is a header row
 * @param columns        the exact number of tab-separated columns of every row
 * @param idColumn       the id column, or {@code -1} to number data rows from 0
 * @param textAColumn    the first sentence
 * @param textBColumn    the second sentence, or {@code -1} for single-sentence tasks
 * @param labelColumn    the gold label or score, or {@code -1} for unlabelled (test) splits
 * @param submissionFile for a test split, the file name the GLUE server expects for its predictions; otherwise null
 */
public record SplitLayout(String name, String fileName, boolean header, int columns, int idColumn, int textAColumn,
                          int textBColumn, int labelColumn, String submissionFile) {

    public SplitLayout {
        int max = Math.max(Math.max(idColumn, textAColumn), Math.max(textBColumn, labelColumn));
        if (textAColumn < 0 || max >= columns) {
            throw new IllegalArgumentException("split " + name + ": column indices out of range for " + columns + " columns");
        }
    }

    /** Whether rows carry a gold answer. */
    public boolean labelled() {
        return labelColumn >= 0;
    }

    /** A labelled split (train or dev). */
    static SplitLayout labelled(String name, boolean header, int columns, int id, int a, int b, int label) {
        return new SplitLayout(name, name + ".tsv", header, columns, id, a, b, label, null);
    }

    /** An unlabelled test split with the name of its GLUE submission file. */
    static SplitLayout test(String name, int columns, int id, int a, int b, String submissionFile) {
        return new SplitLayout(name, name + ".tsv", true, columns, id, a, b, -1, submissionFile);
    }
}
