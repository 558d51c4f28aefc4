package hifi.engine.train;

import java.nio.file.Path;

/**
 * Training stopped because a loss or the gradient norm was NaN or infinite. The update was not applied, so the model
 * still holds the weights after the last good update; {@link #lastGoodCheckpoint()} is the newest checkpoint on disk
 * (or {@code null}).
 */
public final class TrainingDivergedException extends RuntimeException {
    private final long step;
    private final Path lastGoodCheckpoint;

    public TrainingDivergedException(long step, String what, Path lastGoodCheckpoint, long checkpointStep) {
        super("training diverged at step " + step + ": " + what + "; stopped without applying the update; "
                + (lastGoodCheckpoint == null ? "no checkpoint was written" : "last good checkpoint: " + lastGoodCheckpoint + " (step " + checkpointStep + ")"));
        this.step = step;
        this.lastGoodCheckpoint = lastGoodCheckpoint;
    }

    /** The 1-based update at which the non-finite value appeared. */
    public long step() {
        return step;
    }

    public Path lastGoodCheckpoint() {
        return lastGoodCheckpoint;
    }
}
