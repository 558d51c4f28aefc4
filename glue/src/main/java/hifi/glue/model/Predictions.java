package hifi.glue.model;

/**
 * A model's answers for a split, in example order: class ids (classification) or scores (regression, STS-B).
 *
 * @param classes the arg-max class per example, or null for a regression task
 * @param scores  the predicted score per example, or null for a classification task
 */
public record Predictions(int[] classes, float[] scores) {

    public Predictions {
        if ((classes == null) == (scores == null)) throw new IllegalArgumentException("exactly one of classes and scores");
    }

    public int size() {
        return classes != null ? classes.length : scores.length;
    }

    public boolean isRegression() {
        return scores != null;
    }
}
