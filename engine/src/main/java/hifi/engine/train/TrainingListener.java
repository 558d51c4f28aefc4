package hifi.engine.train;

import java.nio.file.Path;

/** Progress callbacks of a {@link Trainer}; every method does nothing by default. */
public interface TrainingListener {
    /** After update {@code step} (1-based) of {@code epoch}: its mean loss, learning rate and pre-clipping gradient norm. */
    default void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
    }

    default void onEvaluation(Evaluation evaluation) {
    }

    /** After a checkpoint has been written (atomically) at {@code step}. */
    default void onCheckpoint(Path file, long step) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
