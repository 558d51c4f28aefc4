package hifi.engine.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#train}.
 *
 * @param losses       mean loss of every update, in order (a resumed run includes the updates before the resume)
 * @param bestMetric   the best dev metric seen ({@code NaN} without evaluations)
 * @param bestStep     the update after which it was measured ({@code -1} without evaluations)
 * @param stoppedEarly whether early stopping ended the run
 */
public record TrainResult(long steps, List<Float> losses, List<Evaluation> evaluations, double bestMetric, long bestStep,
                          boolean stoppedEarly) {
}
