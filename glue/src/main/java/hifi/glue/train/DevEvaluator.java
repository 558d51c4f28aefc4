package hifi.glue.train;

import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.train.Evaluator;
import hifi.glue.metrics.TaskScores;
import hifi.glue.model.EncodedSplit;
import hifi.glue.model.Predictor;

/**
 * The trainer's dev metric: the task's score (mean of its official metrics) on one labelled split. The last scores
 * are kept so that the training log can record every metric, not only the score.
 */
final class DevEvaluator implements Evaluator {
    private final EncodedSplit dev;
    private final Predictor predictor;
    private TaskScores last;

    DevEvaluator(EncodedSplit dev, Predictor predictor) {
        this.dev = dev;
        this.predictor = predictor;
    }

    @Override
    public double evaluate(BertForSequenceClassification model) {
        last = dev.score(predictor.predict(model, dev.encodings(), null));
        return last.score();
    }

    TaskScores last() {
        return last;
    }
}
