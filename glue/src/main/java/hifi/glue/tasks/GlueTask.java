package hifi.glue.tasks;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registry of tasks: the nine GLUE tasks plus {@code sentiment}, the UCI sentiment sentences used by the demo.
 * Each task knows its label names (index = class id; these are the strings in the data files and in GLUE submission
 * files), whether it is a regression task, its official metrics and the layout of each of its files.
 *
 * <p>Class ids follow the usual Hugging Face order (RTE/QNLI: entailment = 0; MNLI: contradiction = 0,
 * entailment = 1, neutral = 2), so checkpoints fine-tuned elsewhere read the same. F1 treats class 1 as positive
 * (MRPC: paraphrase, QQP: duplicate).
 */
public enum GlueTask {
    COLA("cola", "CoLA", List.of("0", "1"), List.of(Metric.MATTHEWS), TaskLayouts.cola()),
    SST2("sst2", "SST-2", List.of("0", "1"), List.of(Metric.ACCURACY), TaskLayouts.sst2()),
    MRPC("mrpc", "MRPC", List.of("0", "1"), List.of(Metric.F1, Metric.ACCURACY), TaskLayouts.mrpc()),
    STSB("stsb", "STS-B", List.of(), List.of(Metric.PEARSON, Metric.SPEARMAN), TaskLayouts.stsb()),
    QQP("qqp", "QQP", List.of("0", "1"), List.of(Metric.ACCURACY, Metric.F1), TaskLayouts.qqp()),
    MNLI("mnli", "MNLI", List.of("contradiction", "entailment", "neutral"), List.of(Metric.ACCURACY),
            TaskLayouts.mnli()),
    QNLI("qnli", "QNLI", List.of("entailment", "not_entailment"), List.of(Metric.ACCURACY),
            TaskLayouts.indexedPair("QNLI.tsv")),
    RTE("rte", "RTE", List.of("entailment", "not_entailment"), List.of(Metric.ACCURACY),
            TaskLayouts.indexedPair("RTE.tsv")),
    WNLI("wnli", "WNLI", List.of("0", "1"), List.of(Metric.ACCURACY), TaskLayouts.indexedPair("WNLI.tsv")),
    /** UCI sentiment labelled sentences (JSON, not TSV); train/dev come from a fixed-seed 80/20 split per domain. */
    SENTIMENT("sentiment", "uci-sentiment", List.of("0", "1"), List.of(Metric.ACCURACY), List.of());

    private final String key;
    private final String dirName;
    private final List<String> labels;
    private final List<Metric> metrics;
    private final List<SplitLayout> layouts;

    GlueTask(String key, String dirName, List<String> labels, List<Metric> metrics, List<SplitLayout> layouts) {
        this.key = key;
        this.dirName = dirName;
        this.labels = labels;
        this.metrics = metrics;
        this.layouts = layouts;
    }

    /** The lower-case name used on the command line and in run folders ({@code rte}, {@code sst2}, …). */
    public String key() {
        return key;
    }

    /** The folder name inside {@code glue_data} ({@code RTE}, {@code SST-2}, …). */
    public String dirName() {
        return dirName;
    }

    /** Label names by class id; empty for the regression task. */
    public List<String> labels() {
        return labels;
    }

    /** Number of model outputs: the number of classes, or 1 for regression. */
    public int numLabels() {
        return isRegression() ? 1 : labels.size();
    }

    /** Whether the task predicts a real-valued score (STS-B) instead of a class. */
    public boolean isRegression() {
        return labels.isEmpty();
    }

    /** Whether examples are sentence pairs. */
    public boolean isPair() {
        return switch (this) {
            case COLA, SST2, SENTIMENT -> false;
            default -> true;
        };
    }

    /** Whether this is one of the nine GLUE tasks (as opposed to the demo task). */
    public boolean isGlue() {
        return this != SENTIMENT;
    }

    /** The official metric(s); the task's score is their mean. */
    public List<Metric> metrics() {
        return metrics;
    }

    /** Class id of a label name as written in the data files, or -1 if the name is not a label of this task. */
    public int labelIndex(String name) {
        return labels.indexOf(name);
    }

    /** Label name of a class id. */
    public String labelName(int classId) {
        if (classId < 0 || classId >= labels.size()) {
            throw new IllegalArgumentException(key + ": class id " + classId + " out of range [0, " + labels.size() + ")");
        }
        return labels.get(classId);
    }

    /** All split names, in file order ({@code train, dev, test}, or MNLI's five). */
    public List<String> splits() {
        if (this == SENTIMENT) return List.of("train", "dev");
        return layouts.stream().map(SplitLayout::name).toList();
    }

    /** The labelled evaluation split(s): {@code dev}, or MNLI's {@code dev_matched} and {@code dev_mismatched}. */
    public List<String> devSplits() {
        return this == MNLI ? List.of("dev_matched", "dev_mismatched") : List.of("dev");
    }

    /** The unlabelled test split(s) (none for {@code sentiment}). */
    public List<String> testSplits() {
        List<String> out = new ArrayList<>();
        for (SplitLayout l : layouts) if (!l.labelled()) out.add(l.name());
        return out;
    }

    /** TSV layout of a split; throws with the list of valid split names if there is no such split. */
    public SplitLayout layout(String split) {
        for (SplitLayout l : layouts) if (l.name().equals(split)) return l;
        throw new IllegalArgumentException("task " + key + " has no split '" + split + "' (splits: "
                + String.join(", ", splits()) + ")");
    }

    /** Looks a task up by key or folder name, ignoring case and punctuation ({@code SST-2}, {@code sst2}, {@code STS-B}). */
    public static GlueTask byName(String name) {
        GlueTask found = find(name);
        if (found != null) return found;
        List<String> keys = new ArrayList<>();
        for (GlueTask t : values()) keys.add(t.key);
        throw new IllegalArgumentException("unknown task '" + name + "' (tasks: " + String.join(", ", keys) + ")");
    }

    /** The folder name of the task {@code name} names ({@code rte} → {@code RTE}), or {@code name} itself for another task. */
    public static String displayName(String name) {
        GlueTask found = find(name);
        return found == null ? name : found.dirName;
    }

    private static GlueTask find(String name) {
        String wanted = normalise(name);
        for (GlueTask t : values()) if (normalise(t.key).equals(wanted) || normalise(t.dirName).equals(wanted)) return t;
        return null;
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
