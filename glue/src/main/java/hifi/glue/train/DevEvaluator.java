package hifi.glue.train;

import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.train.Evaluator;
import hifi.glue.metrics.TaskScores;
import hifi.glue.model.EncodedSplit;
import hifi.glue.model.Predictor;
import hifi.glue.progress.Progress;

/**
 * The trainer's dev metric: the task's score (mean of its official metrics) on one labelled split. The last scores
 * are kept so that the training log can record every metric, not only the score, and the scores of each evaluated
 * step so that the best weights need not be scored again at the end.
 */
final class DevEvaluator implements Evaluator<BertForSequenceClassification> {
    private final EncodedSplit dev;
    private final Predictor predictor;
    private TaskScores last;
    private final java.util.Map<Long, TaskScores> byStep = new java.util.HashMap<>();

    DevEvaluator(EncodedSplit dev, Predictor predictor) {
        this.dev = dev;
        this.predictor = predictor;
    }

    @Override
    public double evaluate(BertForSequenceClassification model) {
        last = dev.score(predictor.predict(model, dev.encodings(), Progress.NONE));
        return last.score();
    }

    TaskScores last() {
        return last;
    }

    /** Records that the last scores belong to update {@code step}. */
    void recordStep(long step) {
        if (last != null) byStep.put(step, last);
    }

    /** The scores measured after update {@code step} in this process, or null. */
    TaskScores atStep(long step) {
        return byStep.get(step);
    }

    EncodedSplit split() {
        return dev;
    }
}
