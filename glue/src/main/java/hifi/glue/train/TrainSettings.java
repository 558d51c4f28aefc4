package hifi.glue.train;

import hifi.engine.nn.LoraConfig;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.ReadOptions;
import hifi.method.methods.Method;
import hifi.method.scoring.GraphScope;
import hifi.method.scoring.GraphVariant;
import hifi.method.select.SelectionConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one fine-tuning run needs: what to train (model, task, data, method, heads) and how (its
 * {@link Hyperparameters}). Built by the {@code train} command from its flags, by the sweep executor from a run's
 * parameters, and by the demo.
 *
 * @param model           the base model directory
 * @param task            the task
 * @param data            the data folder ({@code null}: the bundled copy, sentiment only)
 * @param readOptions     malformed-row policy and the sentiment split seed
 * @param method          what trains
 * @param heads           a {@code heads.json} from {@code select} to train instead of selecting inline, or null
 * @param hyperparameters the trainer's and the head selection's settings
 * @param resume          continue from the run folder's checkpoint when there is one
 */
public record TrainSettings(Path model, GlueTask task, Path data, ReadOptions readOptions, Method methodChoice, Path heads,
                            Hyperparameters hyperparameterValues, boolean resume) {

    /** The method's command-line spelling ({@code hifi}, {@code random-heads}, …). */
    public String method() {
        return methodChoice.flag();
    }

    public int k() {
        return hyperparameterValues.integer(Hyperparameter.K);
    }

    public int selectionSamples() {
        return hyperparameterValues.integer(Hyperparameter.SAMPLES);
    }

    public double learningRate() {
        return hyperparameterValues.decimal(Hyperparameter.LEARNING_RATE);
    }

    public int epochs() {
        return hyperparameterValues.integer(Hyperparameter.EPOCHS);
    }

    public int batchSize() {
        return hyperparameterValues.integer(Hyperparameter.BATCH_SIZE);
    }

    public int maxLength() {
        return hyperparameterValues.integer(Hyperparameter.MAX_LENGTH);
    }

    public long seed() {
        return hyperparameterValues.longInteger(Hyperparameter.SEED);
    }

    public int evalEverySteps() {
        return hyperparameterValues.integer(Hyperparameter.EVAL_EVERY);
    }

    public int patience() {
        return hyperparameterValues.integer(Hyperparameter.PATIENCE);
    }

    public boolean lengthGrouped() {
        return hyperparameterValues.bool(Hyperparameter.LENGTH_GROUPED);
    }

    public double warmupRatio() {
        return hyperparameterValues.decimal(Hyperparameter.WARMUP);
    }

    public double weightDecay() {
        return hyperparameterValues.decimal(Hyperparameter.WEIGHT_DECAY);
    }

    public int microBatches() {
        return hyperparameterValues.integer(Hyperparameter.MICRO_BATCHES);
    }

    public int trainSubset() {
        return hyperparameterValues.integer(Hyperparameter.TRAIN_SUBSET);
    }

    public int checkpointEverySteps() {
        return hyperparameterValues.integer(Hyperparameter.CHECKPOINT_EVERY);
    }

    /** Whether the run selects its heads here (hifi, info-only or corr-only without a given {@code heads.json}). */
    public boolean selectsHeads() {
        return heads == null && (methodChoice == Method.HIFI || methodChoice == Method.INFO_ONLY || methodChoice == Method.CORR_ONLY);
    }

    /** The inline head selection's settings over {@code base}: k, samples, max length, variant, scope, selection, order. */
    public SelectionConfig selectionConfig(SelectionConfig base) {
        return base.withK(k()).withMethod(method()).withSamples(selectionSamples()).withMaxLength(maxLength())
                .withVariant(GraphVariant.valueOf(hyperparameterValues.text(Hyperparameter.VARIANT)))
                .withScope(GraphScope.byName(hyperparameterValues.text(Hyperparameter.SCOPE)))
                .withGlobalSelection(hyperparameterValues.text(Hyperparameter.SELECTION).equals("global"))
                .withLowest(hyperparameterValues.text(Hyperparameter.ORDER).equals("lowest"));
    }

    /** The LoRA settings, or {@code null} unless the method is {@code lora}. */
    public LoraConfig loraConfig() {
        return methodChoice == Method.LORA ? hyperparameterValues.loraConfig() : null;
    }

    /** The hyperparameters as recorded in the adapter config and {@code result.json}. */
    public Map<String, Object> hyperparameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task.key());
        m.put("method", method());
        m.putAll(hyperparameterValues.recorded(methodChoice == Method.LORA, selectsHeads()));
        if (heads != null) m.put("heads", heads.toString());
        return m;
    }
}
