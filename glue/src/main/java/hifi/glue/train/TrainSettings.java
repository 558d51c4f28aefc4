package hifi.glue.train;

import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.ReadOptions;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one fine-tuning run needs: what to train (model, task, data, method, heads) and how (the trainer's
 * hyperparameters). Built by the {@code train} command from its flags, by the sweep executor from a run's parameters,
 * and by the demo.
 *
 * @param model           the base model directory
 * @param task            the task
 * @param data            the data folder ({@code null}: the bundled copy, sentiment only)
 * @param readOptions     malformed-row policy and the sentiment split seed
 * @param method          {@code hifi}, {@code full}, {@code bitfit}, {@code random-heads}, {@code info-only},
 *                        {@code corr-only} or {@code linear-probe}
 * @param k               heads per layer for the head-based methods
 * @param heads           a {@code heads.json} from {@code select} to train instead of selecting inline, or null
 * @param selectionSamples calibration examples for inline selection
 * @param learningRate    peak learning rate
 * @param epochs          epochs
 * @param batchSize       examples per batch
 * @param maxLength       tokens per example
 * @param seed            seed of the task head, data order, dropout and random heads
 * @param evalEverySteps  evaluate on dev every N updates (0: at epoch ends only)
 * @param patience        early stopping after this many evaluations without improvement (0: never)
 * @param lengthGrouped   length-grouped batching (less padding)
 * @param warmupRatio     warm-up share of the updates
 * @param weightDecay     AdamW weight decay
 * @param trainSubset     train on a fixed-seed subset of this many examples (0: all)
 * @param checkpointEverySteps also checkpoint every N updates (0: epoch ends only)
 * @param resume          continue from the run folder's checkpoint when there is one
 */
public record TrainSettings(Path model, GlueTask task, Path data, ReadOptions readOptions, String method, int k, Path heads,
                            int selectionSamples, double learningRate, int epochs, int batchSize, int maxLength, long seed,
                            int evalEverySteps, int patience, boolean lengthGrouped, double warmupRatio, double weightDecay,
                            int trainSubset, int checkpointEverySteps, boolean resume) {

    public TrainSettings {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        if (k < 1) throw new IllegalArgumentException("k must be ≥ 1, got " + k);
        if (selectionSamples < 2) throw new IllegalArgumentException("selection samples must be ≥ 2, got " + selectionSamples);
        if (evalEverySteps < 0 || patience < 0 || trainSubset < 0 || checkpointEverySteps < 0) {
            throw new IllegalArgumentException("eval-every, patience, train-subset and checkpoint-every must be ≥ 0");
        }
    }

    /** The hyperparameters as recorded in the adapter config and {@code result.json}. */
    public Map<String, Object> hyperparameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task.key());
        m.put("method", method);
        m.put("k", k);
        m.put("learning_rate", learningRate);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("max_length", maxLength);
        m.put("seed", seed);
        m.put("eval_every_steps", evalEverySteps);
        m.put("patience", patience);
        m.put("length_grouped", lengthGrouped);
        m.put("warmup_ratio", warmupRatio);
        m.put("weight_decay", weightDecay);
        m.put("train_subset", trainSubset);
        if (heads != null) m.put("heads", heads.toString());
        return m;
    }
}
