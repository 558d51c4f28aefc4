package hifi.glue.cli;

import hifi.engine.io.ModelDirectory;
import hifi.glue.model.TaskModel;
import hifi.method.adapter.Adapter;
import hifi.method.adapter.AdapterMerge;

import java.io.PrintStream;

/**
 * {@code merge}: a training run's adapter merged into its base model, written as a full model directory (with the
 * task head) that {@code eval} and {@code predict} take without {@code --adapter}, and that HF can load.
 */
public final class MergeCommand extends FlagCommand {

    @Override
    public String name() {
        return "merge";
    }

    @Override
    protected Flags flags() {
        return new Flags(name(), "Merge a training run's adapter into its base model, writing a full fine-tuned model directory.")
                .path("model", "DIR", Flags.REQUIRED, "the base model directory the adapter was trained on")
                .path("adapter", "DIR", Flags.REQUIRED, "the adapter folder (RUN/adapter)")
                .path("out", "DIR", Flags.REQUIRED, "the model directory to write")
                .bool("force", "replace --out if it exists");
    }

    @Override
    protected int execute(FlagValues flags, PrintStream out, PrintStream err) throws Exception {
        Adapter adapter = Adapter.load(flags.path("adapter"));
        ModelDirectory base = TaskModel.openDirectory(flags.path("model"));
        AdapterMerge.merge(base, adapter, flags.path("out"), flags.bool("force"));
        out.println("wrote " + flags.path("out") + " (" + adapter.config().method() + " adapter, " + adapter.scalars()
                + " trained values, merged into " + flags.path("model") + ")");
        return CommandLine.EXIT_OK;
    }
}
