package hifi.engine.train;

import hifi.engine.io.ModelFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkpoint a resumed run continues from: the newest in the checkpoint directory when it passes its check
 * ({@link Checkpoint#verify}), else the previous one kept beside it, with the reason it was passed over.
 *
 * @param file     the checkpoint file, verified
 * @param step     the update it was written at
 * @param fellBack why the newest checkpoint was not used ({@code null}: it is the newest)
 */
public record ResumePoint(Path file, long step, String fellBack) {

    /**
     * The checkpoint to resume from in {@code directory}; {@code null} when it holds none. When neither the newest
     * nor the previous checkpoint verifies, a one-line {@link ModelFormatException} names the damaged file and tensor.
     */
    public static ResumePoint choose(Path directory) throws IOException {
        Path newest = Checkpoint.file(directory), previous = Checkpoint.previousFile(directory);
        boolean hasPrevious = Files.isRegularFile(previous);
        if (!Files.isRegularFile(newest) && !hasPrevious) return null;
        String problem;
        ModelFormatException damage = null;
        if (Files.isRegularFile(newest)) {
            try {
                return new ResumePoint(newest, Checkpoint.verify(newest), null);
            } catch (ModelFormatException e) {
                damage = e;
                problem = e.getMessage();
            }
        } else {
            problem = newest + " is missing";
        }
        if (!hasPrevious) throw new ModelFormatException(null, null, problem + "; there is no previous checkpoint to fall back to", damage);
        try {
            return new ResumePoint(previous, Checkpoint.verify(previous), problem);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(null, null, problem + "; the previous checkpoint fails too: " + e.getMessage(), e);
        }
    }

    /** The checkpoint in {@code directory} a resume would use, or {@code null} when none verifies (or there is none). */
    public static ResumePoint lastGood(Path directory) {
        try {
            return choose(directory);
        } catch (IOException | ModelFormatException e) {
            return null;
        }
    }

    /** What a resume says: which checkpoint it uses, and why not the newest when it falls back. */
    public String describe() {
        String resuming = "resuming from " + file + " (step " + step + ")";
        return fellBack == null ? resuming : fellBack + "; " + resuming + ", the previous checkpoint";
    }
}
