package hifi.glue.metrics;

/** Argument checks shared by the metrics: equal, non-zero lengths. */
final class Inputs {
    private Inputs() {
    }

    static void check(int predicted, int gold) {
        if (predicted != gold) {
            throw new IllegalArgumentException("predictions (" + predicted + ") and gold answers (" + gold
                    + ") differ in number");
        }
        if (gold == 0) throw new IllegalArgumentException("no examples to score");
    }
}
