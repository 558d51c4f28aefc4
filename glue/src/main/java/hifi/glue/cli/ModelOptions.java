package hifi.glue.cli;

import hifi.engine.backend.Backend;
import hifi.glue.model.TaskEncoder;
import hifi.glue.model.TaskModel;
import hifi.glue.tasks.GlueTask;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The options of the commands that run a fine-tuned model ({@code eval}, {@code predict}; a {@code @Mixin}):
 * {@code --model} (a model directory), {@code --adapter} (a training run's adapter, applied to {@code --model} as its
 * base), {@code --batch-size} and {@code --max-length}.
 */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "DIR", required = true, order = 10,
            description = "model directory: a fine-tuned full model, or the base model of --adapter")
    Path model;

    @Option(names = "--adapter", paramLabel = "DIR", order = 11,
            description = "adapter folder written by train (RUN/adapter); applied to --model")
    Path adapter;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", order = 12,
            description = "examples per forward batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--max-length", paramLabel = "N", order = 13, description = "tokens per example, [CLS]/[SEP] included, "
            + "truncating longest first (default: the length --adapter was trained with; for a full model directory its "
            + "tokenizer's model_max_length, which merge sets to the run's length; else 128; at most the model's positions)")
    Integer maxLength;

    /** Checks the values that the type alone does not. */
    void check() {
        if (batchSize < 1) throw new UsageException("--batch-size must be ≥ 1, got " + batchSize);
    }

    /**
     * The encoder for {@code model}: {@code --max-length}, or else the length the model records (the adapter's training
     * length, or a full model directory's {@code model_max_length}, as HF's {@code truncation=True} uses it; so that
     * {@code eval} reproduces a run's dev score with or without {@code merge}), or else 128; the defaults capped at the
     * model's positions.
     */
    TaskEncoder encoder(TaskModel opened) {
        if (maxLength != null) return opened.encoder(maxLength);
        int fallback = opened.recordedMaxLength() != null ? opened.recordedMaxLength() : 128;
        return opened.encoder(Math.min(fallback, opened.config().maxPositionEmbeddings()));
    }

    /** The model named by the options, ready for {@code task}, computing on {@code backend}. */
    TaskModel open(GlueTask task, Backend backend) throws IOException {
        check();
        if (adapter != null) return TaskModel.withAdapter(model, adapter, task, backend);
        return TaskModel.fineTuned(model, task, backend);
    }
}
