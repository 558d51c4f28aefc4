package hifi.glue.model;

import hifi.engine.backend.PassScope;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.Batch;
import hifi.engine.tensor.Tensor;
import hifi.engine.tokenizer.Encoding;
import hifi.glue.progress.Progress;

import java.util.List;

/**
 * Runs a classification model in eval mode (no dropout, no gradients) over encoded examples in length-grouped batches
 * ({@link InferenceBatches}) and collects its {@link Predictions}.
 */
public final class Predictor {
    private final int batchSize;
    private final int padId;

    public Predictor(int batchSize, int padId) {
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be ≥ 1, got " + batchSize);
        this.batchSize = batchSize;
        this.padId = padId;
    }

    /**
     * @param progress advanced by the number of examples of each batch ({@link Progress#NONE}: not shown)
     */
    public Predictions predict(BertForSequenceClassification model, List<Encoding> encodings, Progress progress) {
        boolean regression = model.config().isRegression();
        int n = encodings.size();
        int[] classes = regression ? null : new int[n];
        float[] scores = regression ? new float[n] : null;
        for (int[] indices : plan(encodings)) {
            Batch batch = collate(encodings, indices);
            try (PassScope scope = model.backend().openPass()) {
                record(model.predict(batch, null), indices, classes, scores);
            }
            progress.advance(indices.length);
        }
        return new Predictions(classes, scores);
    }

    /** The batches {@link #predict} computes, in its order: the example indices of each. */
    public List<int[]> plan(List<Encoding> encodings) {
        return InferenceBatches.plan(encodings, batchSize);
    }

    /** The padded batch of {@code indices}, as {@link #predict} computes it. */
    public Batch collate(List<Encoding> encodings, int[] indices) {
        return InferenceBatches.collate(encodings, indices, padId);
    }

    /**
     * Writes one batch's answers: row {@code i} of {@code logits} is example {@code indices[i]}'s, its arg-max class
     * into {@code classes} or (regression, {@code classes} null) its score into {@code scores}. A non-finite logit
     * fails, naming the example.
     */
    public static void record(Tensor logits, int[] indices, int[] classes, float[] scores) {
        for (int i = 0; i < indices.length; i++) {
            checkFinite(logits, i, indices[i]);
            if (classes == null) scores[indices[i]] = logits.get(i, 0);
            else classes[indices[i]] = argMax(logits, i);
        }
    }

    private static void checkFinite(Tensor logits, int row, int example) {
        for (int c = 0; c < logits.dim(1); c++) {
            if (!Float.isFinite(logits.get(row, c))) {
                throw new IllegalStateException("the model's output for example " + example + " is " + logits.get(row, c)
                        + " (are the weights finite?)");
            }
        }
    }

    /** The first column holding the row's largest logit. */
    static int argMax(Tensor logits, int row) {
        int best = 0;
        for (int c = 1; c < logits.dim(1); c++) if (logits.get(row, c) > logits.get(row, best)) best = c;
        return best;
    }
}
