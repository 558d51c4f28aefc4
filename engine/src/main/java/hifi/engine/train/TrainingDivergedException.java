package hifi.engine.train;

import java.nio.file.Path;

/**
 * Training stopped because a loss or the gradient norm was NaN or infinite. The update was not applied, so the model
 * still holds the weights after the last good update; {@link #lastGoodCheckpoint()} is the checkpoint on disk a resume
 * would use, one that passed its checksum check (or {@code null}).
 */
public final class TrainingDivergedException extends RuntimeException {
    private final long step;
    private final Path lastGoodCheckpoint;

    /**
     * @param lastGoodCheckpoint a checkpoint that verified, or {@code null}
     * @param checkpointStep     its step; with no good checkpoint, {@code -1} when none was written at all
     */
    public TrainingDivergedException(long step, String what, Path lastGoodCheckpoint, long checkpointStep) {
        super("training diverged at step " + step + ": " + what + "; stopped without applying the update; "
                + (lastGoodCheckpoint != null ? "last good checkpoint: " + lastGoodCheckpoint + " (step " + checkpointStep + ")"
                : checkpointStep < 0 ? "no checkpoint was written" : "no checkpoint on disk passes its checksum check"));
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
