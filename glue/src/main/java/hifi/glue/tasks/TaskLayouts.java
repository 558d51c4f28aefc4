package hifi.glue.tasks;

import java.util.List;

/**
 * The column layouts of the GLUE TSV files as {@code download_glue_data.py} wrote them. Every split has a header row
 * except CoLA's train and dev files; test files are unlabelled and start with an {@code index} column.
 */
final class TaskLayouts {
    private TaskLayouts() {
    }

    /** CoLA train/dev: {@code source, label, original mark, sentence}, no header; test: {@code index, sentence}. */
    static List<SplitLayout> cola() {
        return List.of(
                SplitLayout.labelled("train", false, 4, -1, 3, -1, 1),
                SplitLayout.labelled("dev", false, 4, -1, 3, -1, 1),
                SplitLayout.test("test", 2, 0, 1, -1, "CoLA.tsv"));
    }

    /** SST-2 train/dev: {@code sentence, label}; test: {@code index, sentence}. */
    static List<SplitLayout> sst2() {
        return List.of(
                SplitLayout.labelled("train", true, 2, -1, 0, -1, 1),
                SplitLayout.labelled("dev", true, 2, -1, 0, -1, 1),
                SplitLayout.test("test", 2, 0, 1, -1, "SST-2.tsv"));
    }

    /** MRPC train/dev: {@code Quality, #1 ID, #2 ID, #1 String, #2 String}; test: {@code index} instead of Quality. */
    static List<SplitLayout> mrpc() {
        return List.of(
                SplitLayout.labelled("train", true, 5, -1, 3, 4, 0),
                SplitLayout.labelled("dev", true, 5, -1, 3, 4, 0),
                SplitLayout.test("test", 5, 0, 3, 4, "MRPC.tsv"));
    }

    /**
     * STS-B train/dev: {@code index, genre, filename, year, old_index, source1, source2, sentence1, sentence2, score};
     * test: the same without {@code score}.
     */
    static List<SplitLayout> stsb() {
        return List.of(
                SplitLayout.labelled("train", true, 10, 0, 7, 8, 9),
                SplitLayout.labelled("dev", true, 10, 0, 7, 8, 9),
                SplitLayout.test("test", 9, 0, 7, 8, "STS-B.tsv"));
    }

    /** QQP train/dev: {@code id, qid1, qid2, question1, question2, is_duplicate}; test: {@code id, question1, question2}. */
    static List<SplitLayout> qqp() {
        return List.of(
                SplitLayout.labelled("train", true, 6, 0, 3, 4, 5),
                SplitLayout.labelled("dev", true, 6, 0, 3, 4, 5),
                SplitLayout.test("test", 3, 0, 1, 2, "QQP.tsv"));
    }

    /**
     * MNLI train: {@code index, promptID, pairID, genre, 4 parse columns, sentence1, sentence2, label1, gold_label};
     * dev_matched/dev_mismatched add {@code label2..label5} before {@code gold_label}; test files stop after
     * {@code sentence2}.
     */
    static List<SplitLayout> mnli() {
        return List.of(
                SplitLayout.labelled("train", true, 12, 0, 8, 9, 11),
                SplitLayout.labelled("dev_matched", true, 16, 0, 8, 9, 15),
                SplitLayout.labelled("dev_mismatched", true, 16, 0, 8, 9, 15),
                SplitLayout.test("test_matched", 10, 0, 8, 9, "MNLI-m.tsv"),
                SplitLayout.test("test_mismatched", 10, 0, 8, 9, "MNLI-mm.tsv"));
    }

    /**
     * The shared layout of QNLI, RTE and WNLI: train/dev {@code index, sentence1, sentence2, label} (QNLI names them
     * {@code question, sentence}); test without {@code label}.
     */
    static List<SplitLayout> indexedPair(String submissionFile) {
        return List.of(
                SplitLayout.labelled("train", true, 4, 0, 1, 2, 3),
                SplitLayout.labelled("dev", true, 4, 0, 1, 2, 3),
                SplitLayout.test("test", 3, 0, 1, 2, submissionFile));
    }
}
