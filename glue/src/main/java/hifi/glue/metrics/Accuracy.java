package hifi.glue.metrics;

/** Fraction of predictions equal to the gold class. */
public final class Accuracy {
    private Accuracy() {
    }

    public static double of(int[] predicted, int[] gold) {
        Inputs.check(predicted.length, gold.length);
        int right = 0;
        for (int i = 0; i < gold.length; i++) if (predicted[i] == gold[i]) right++;
        return (double) right / gold.length;
    }
}
