package hifi.engine.train;

import hifi.engine.io.Json;
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
 * any moment leaves either the previous checkpoint or the new one, never a torn file.
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

    private Checkpoint() {
    }

    /** The checkpoint file of {@code directory}. */
    public static Path file(Path directory) {
        return directory.resolve(FILE_NAME);
    }

    /** The update step a checkpoint file was written at (what a resumed run continues from). */
    public static long step(Path file) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            Map<String, String> meta = f.metadata();
            if (!FORMAT.equals(meta.get("format"))) throw new IllegalArgumentException(file + ": not a trainer checkpoint (format " + meta.get("format") + ")");
            return TrainingState.fromJson(Json.parseObject(meta.get("state")), file.toString()).step;
        }
    }

    static void save(Path file, TrainingState state, Gradients grads, AdamW optimizer, SliceSnapshot best,
                     Map<String, String> trajectory, String dataFingerprint) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
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
        w.write(file);
    }

    private static void put(SafetensorsWriter w, String name, Tensor t) {
        w.putFloats(name, t.toArray(), t.shape());
    }

    /**
     * Restores a run from {@code file}: copies the saved slices into the model, the moments into {@code optimizer},
     * and returns the counters (and, through {@code best}, the best snapshot or {@code null}). Refuses a checkpoint
     * written for other settings, other data or another trainable set, with a message naming the difference.
     */
    static TrainingState load(Path file, Gradients grads, AdamW optimizer, SliceSnapshot[] best,
                              Map<String, String> trajectory, String dataFingerprint) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            Map<String, String> meta = f.metadata();
            if (!FORMAT.equals(meta.get("format"))) throw new IllegalArgumentException(file + ": not a trainer checkpoint (format " + meta.get("format") + ")");
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
            Map<String, Object> json = Json.parseObject(meta.get("state"));
            TrainingState state = TrainingState.fromJson(json, file.toString());
            optimizer.restoreStepCount(((Number) json.get("adamw_step")).longValue());
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
