package hifi.glue.metrics;

/**
 * F1 of one class: {@code 2·TP / (2·TP + FP + FN)}, the harmonic mean of precision and recall. When the class is
 * neither predicted nor present (TP = FP = FN = 0) the score is 0, as scikit-learn reports it.
 */
public final class F1Score {
    private F1Score() {
    }

    public static double ofPositiveClass(int[] predicted, int[] gold, int positive) {
        Inputs.check(predicted.length, gold.length);
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < gold.length; i++) {
            boolean p = predicted[i] == positive;
            boolean g = gold[i] == positive;
            if (p && g) tp++;
            else if (p) fp++;
            else if (g) fn++;
        }
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 0.0 : 2.0 * tp / denominator;
    }
}
