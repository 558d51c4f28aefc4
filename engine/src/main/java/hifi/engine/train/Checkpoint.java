package hifi.engine.train;

import hifi.engine.io.AtomicFiles;
import hifi.engine.io.Json;
import hifi.engine.io.ModelFormatException;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.io.SafetensorsWriter;
import hifi.engine.param.Gradients;
import hifi.engine.tensor.Tensor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint: one safetensors file, written to a temporary sibling and renamed into place, so a crash at
 * any moment leaves either the previous checkpoint or the new one, never a torn file. The file records a CRC32C of
 * every tensor and of its header ({@link SafetensorsWriter#withChecksums()}), checked whenever it is read; the newest
 * checkpoint that verifies is moved aside as {@value #PREVIOUS_FILE_NAME} when the next one is written, so a resume
 * can fall back to it ({@link ResumePoint}).
 *
 * <p>Tensors (one per trainable slice, named by {@link Gradients.Slice#label()}, all F32):
 * <ul>
 *   <li>{@code weights/<label>} — the slice's current values (frozen weights are not saved: they come from the base);</li>
 *   <li>{@code adamw.m/<label>}, {@code adamw.v/<label>} — the optimiser moments;</li>
 *   <li>{@code best/<label>} — the best evaluated values, when an evaluation has happened;</li>
 *   <li>{@code loss_curve} — the mean loss of every update so far.</li>
 * </ul>
 * Metadata: {@code format} ({@value #FORMAT}), {@code state} (JSON: step, micro-step, epoch, batch position, AdamW
 * step count, early-stopping counters, evaluations), {@code trajectory} (JSON of {@link TrainerConfig#trajectory()})
 * and {@code data} (a fingerprint of the training examples). Randomness needs no saved generator state: the data
 * order and the dropout masks are pure functions of the seed and these counters.
 */
public final class Checkpoint {
    /** The format tag in the file's metadata. */
    public static final String FORMAT = "hifi-trainer-checkpoint/1";
    /** The file name inside the checkpoint directory. */
    public static final String FILE_NAME = "checkpoint.safetensors";
    /** The file name of the checkpoint before the newest, kept beside it. */
    public static final String PREVIOUS_FILE_NAME = "checkpoint.previous.safetensors";

    private Checkpoint() {
    }

    /** The checkpoint file of {@code directory}. */
    public static Path file(Path directory) {
        return directory.resolve(FILE_NAME);
    }

    /** The previous checkpoint file of {@code directory}, kept beside the newest. */
    public static Path previousFile(Path directory) {
        return directory.resolve(PREVIOUS_FILE_NAME);
    }

    /**
     * Reads a whole checkpoint file, checks its checksums and its trainer state, and returns the update step it was
     * written at (what a resumed run continues from). Damage is a {@link ModelFormatException} naming the file and,
     * for damaged data, the tensor; a file written before checksums existed is accepted with a warning.
     */
    public static long verify(Path file) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.openVerified(file)) {
            return state(f).step;
        }
    }

    /** The trainer state in the metadata of a checkpoint file; anything unreadable is a {@link ModelFormatException}. */
    private static TrainingState state(SafetensorsFile f) {
        Map<String, String> meta = f.metadata();
        if (!FORMAT.equals(meta.get("format"))) throw new ModelFormatException(f.path(), "not a trainer checkpoint (format " + meta.get("format") + ")");
        try {
            Map<String, Object> json = Json.parseObject(meta.get("state"));
            TrainingState state = TrainingState.fromJson(json, f.path().toString());
            if (!(json.get("adamw_step") instanceof Number)) throw new IllegalArgumentException("trainer state lacks \"adamw_step\"");
            return state;
        } catch (RuntimeException e) {
            throw new ModelFormatException(f.path(), "unreadable trainer state: " + e.getMessage());
        }
    }

    static void save(Path file, TrainingState state, Gradients grads, AdamW optimizer, SliceSnapshot best,
                     Map<String, String> trajectory, String dataFingerprint) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter().withChecksums();
        List<Gradients.Slice> slices = grads.slices();
        for (int i = 0; i < slices.size(); i++) {
            String label = slices.get(i).label();
            put(w, "weights/" + label, slices.get(i).value());
            put(w, "adamw.m/" + label, optimizer.firstMoments().get(i));
            put(w, "adamw.v/" + label, optimizer.secondMoments().get(i));
            if (best != null) put(w, "best/" + label, best.values().get(i));
        }
        if (!state.losses.isEmpty()) {
            float[] curve = new float[state.losses.size()];
            for (int i = 0; i < curve.length; i++) curve[i] = state.losses.get(i);
            w.putFloats("loss_curve", curve, curve.length);
        }
        Map<String, Object> json = state.toJson();
        json.put("adamw_step", optimizer.stepCount());
        w.metadata("format", FORMAT).metadata("state", Json.write(json)).metadata("trajectory", Json.write(trajectory))
                .metadata("data", dataFingerprint);
        AtomicFiles.write(file, tmp -> {
            w.writeInto(tmp);
            keepAsPrevious(file);
        });
    }

    /**
     * Moves the newest checkpoint aside as the previous one, if it verifies; a damaged one is left to be replaced,
     * so the previous checkpoint stays one that verified.
     */
    private static void keepAsPrevious(Path newest) throws IOException {
        if (!Files.isRegularFile(newest)) return;
        try {
            verify(newest);
        } catch (ModelFormatException e) {
            return;
        }
        AtomicFiles.move(newest, previousFile(newest.getParent()));
    }

    private static void put(SafetensorsWriter w, String name, Tensor t) {
        w.putFloats(name, t.toArray(), t.shape());
    }

    /**
     * Restores a run from {@code file}: copies the saved slices into the model, the moments into {@code optimizer},
     * and returns the counters (and, through {@code best}, the best snapshot or {@code null}). Refuses a checkpoint
     * written for other settings, other data or another trainable set, with a message naming the difference. A file
     * that fails its checksums is a {@link ModelFormatException}, raised before anything is restored.
     */
    static TrainingState load(Path file, Gradients grads, AdamW optimizer, SliceSnapshot[] best,
                              Map<String, String> trajectory, String dataFingerprint) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.openVerified(file)) {
            Map<String, String> meta = f.metadata();
            TrainingState state = state(f);
            Map<String, Object> saved = Json.parseObject(meta.get("trajectory"));
            for (Map.Entry<String, String> e : trajectory.entrySet()) {
                Object was = saved.get(e.getKey());
                if (!e.getValue().equals(was)) {
                    throw new IllegalArgumentException(file + ": cannot resume: " + e.getKey() + " was " + was + " in the checkpoint, now " + e.getValue());
                }
            }
            if (!dataFingerprint.equals(meta.get("data"))) {
                throw new IllegalArgumentException(file + ": cannot resume: the training data differ from the checkpoint's (fingerprint "
                        + meta.get("data") + ", now " + dataFingerprint + ")");
            }
            List<Gradients.Slice> slices = grads.slices();
            List<Tensor> bestValues = new ArrayList<>();
            for (int i = 0; i < slices.size(); i++) {
                String label = slices.get(i).label();
                slices.get(i).value().copyFrom(read(f, "weights/" + label));
                optimizer.firstMoments().get(i).copyFrom(read(f, "adamw.m/" + label));
                optimizer.secondMoments().get(i).copyFrom(read(f, "adamw.v/" + label));
                if (f.contains("best/" + label)) bestValues.add(read(f, "best/" + label));
            }
            long expectedTensors = 3L * slices.size() + bestValues.size() + (f.contains("loss_curve") ? 1 : 0);
            if (f.names().size() != expectedTensors) {
                throw new IllegalArgumentException(file + ": cannot resume: the checkpoint holds " + f.names().size()
                        + " tensors, the current trainable set needs " + expectedTensors + " (another method or head selection?)");
            }
            best[0] = bestValues.isEmpty() ? null : SliceSnapshot.wrap(bestValues);
            optimizer.restoreStepCount(((Number) Json.parseObject(meta.get("state")).get("adamw_step")).longValue());
            if (f.contains("loss_curve")) for (float l : f.readFloats("loss_curve")) state.losses.add(l);
            return state;
        }
    }

    private static Tensor read(SafetensorsFile f, String name) {
        if (!f.contains(name)) {
            throw new IllegalArgumentException(f.path() + ": cannot resume: missing tensor \"" + name
                    + "\" (the checkpoint was written for another trainable set)");
        }
        return f.readTensor(name);
    }

    /** Deletes temporary files a killed writer may have left next to the checkpoint. */
    static void removeStaleTemporaries(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) return;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(directory, "." + FILE_NAME + ".*.tmp")) {
            for (Path p : s) Files.deleteIfExists(p);
        }
    }
}
