package hifi.engine.train;

/**
 * Computes the dev metric of the model in its current state; higher is better. Must not change the model.
 *
 * @param <M> the model type the {@link Trainer} trains
 */
@FunctionalInterface
public interface Evaluator<M> {
    double evaluate(M model);
}
