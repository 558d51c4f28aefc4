package hifi.engine.data;

/**
 * One tokenised example: token ids (already truncated to the model's maximum length), their token types, and a class
 * {@code label} (classification) or a {@code target} (regression). Unused fields are {@code -1} / {@code NaN}.
 */
public record TrainingExample(int[] ids, int[] tokenTypes, int label, float target) {

    public TrainingExample {
        if (ids.length == 0) throw new IllegalArgumentException("TrainingExample: no tokens");
        if (tokenTypes != null && tokenTypes.length != ids.length) {
            throw new IllegalArgumentException("TrainingExample: " + ids.length + " ids but " + tokenTypes.length + " token types");
        }
    }

    public static TrainingExample classification(int[] ids, int[] tokenTypes, int label) {
        if (label < 0) throw new IllegalArgumentException("TrainingExample: negative label " + label);
        return new TrainingExample(ids, tokenTypes, label, Float.NaN);
    }

    public static TrainingExample regression(int[] ids, int[] tokenTypes, float target) {
        if (!Float.isFinite(target)) throw new IllegalArgumentException("TrainingExample: target " + target + " is not finite");
        return new TrainingExample(ids, tokenTypes, -1, target);
    }

    public int length() {
        return ids.length;
    }
}
