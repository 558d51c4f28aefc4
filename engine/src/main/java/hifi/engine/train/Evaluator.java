package hifi.engine.train;

import hifi.engine.bert.BertForSequenceClassification;

/** Computes the dev metric of the model in its current state; higher is better. Must not change the model. */
@FunctionalInterface
public interface Evaluator {
    double evaluate(BertForSequenceClassification model);
}
