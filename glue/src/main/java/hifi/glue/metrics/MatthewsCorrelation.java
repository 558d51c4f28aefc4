package hifi.glue.metrics;

/**
 * Matthews correlation coefficient, in its multi-class form (Gorodkin 2004) computed from the confusion matrix
 * {@code C[gold][predicted]}: with {@code s} examples, {@code c} correct, {@code p_k} predictions and {@code t_k}
 * gold answers of class {@code k},
 * {@code MCC = (c·s − Σ p_k t_k) / √((s² − Σ p_k²)(s² − Σ t_k²))}. For two classes this is the usual
 * {@code (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN))}. A zero denominator (all predictions, or all gold
 * answers, one class) gives 0, as scikit-learn does.
 */
public final class MatthewsCorrelation {
    private MatthewsCorrelation() {
    }

    public static double of(int[] predicted, int[] gold) {
        Inputs.check(predicted.length, gold.length);
        int classes = 0;
        for (int i = 0; i < gold.length; i++) {
            if (predicted[i] < 0 || gold[i] < 0) throw new IllegalArgumentException("class ids must be >= 0 (row " + i + ")");
            classes = Math.max(classes, Math.max(predicted[i], gold[i]) + 1);
        }
        double[] predictedCount = new double[classes];
        double[] goldCount = new double[classes];
        double correct = 0;
        for (int i = 0; i < gold.length; i++) {
            predictedCount[predicted[i]]++;
            goldCount[gold[i]]++;
            if (predicted[i] == gold[i]) correct++;
        }
        double s = gold.length;
        double cross = 0, predictedSquares = 0, goldSquares = 0;
        for (int k = 0; k < classes; k++) {
            cross += predictedCount[k] * goldCount[k];
            predictedSquares += predictedCount[k] * predictedCount[k];
            goldSquares += goldCount[k] * goldCount[k];
        }
        double denominator = Math.sqrt((s * s - predictedSquares) * (s * s - goldSquares));
        return denominator == 0 ? 0.0 : (correct * s - cross) / denominator;
    }
}
