package hifi.glue.cli;

import hifi.engine.backend.Backends;
import hifi.glue.model.TaskEncoder;
import hifi.glue.model.TaskModel;
import hifi.glue.tasks.GlueTask;

import java.io.IOException;

/**
 * The flags of the commands that run a fine-tuned model ({@code eval}, {@code predict}): {@code --model} (a model
 * directory), {@code --adapter} (a training run's adapter, applied to {@code --model} as its base),
 * {@code --batch-size} and {@code --max-length}.
 */
final class ModelFlags {
    private ModelFlags() {
    }

    static Flags add(Flags flags) {
        return flags
                .path("model", "DIR", Flags.REQUIRED, "model directory: a fine-tuned full model, or the base model of --adapter")
                .path("adapter", "DIR", null, "adapter folder written by train (RUN/adapter); applied to --model")
                .integer("batch-size", "N", "64", "examples per forward batch")
                .integer("max-length", "N", null, "tokens per example, [CLS]/[SEP] included, truncating longest first "
                        + "(default: 128, or the model's position limit if smaller)");
    }

    /** The encoder for {@code model}: {@code --max-length}, or 128 capped at the model's positions. */
    static TaskEncoder encoder(FlagValues v, TaskModel model) {
        int maxLength = v.has("max-length") ? v.integer("max-length") : Math.min(128, model.config().maxPositionEmbeddings());
        return model.encoder(maxLength);
    }

    /** The model named by the flags, ready for {@code task}. */
    static TaskModel open(FlagValues v, GlueTask task) throws IOException {
        if (v.integer("batch-size") < 1) throw new UsageException("--batch-size must be ≥ 1, got " + v.integer("batch-size"));
        if (v.has("adapter")) return TaskModel.withAdapter(v.path("model"), v.path("adapter"), task, Backends.current());
        return TaskModel.fineTuned(v.path("model"), task, Backends.current());
    }
}
