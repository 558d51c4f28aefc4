package hifi.glue.cli;

import hifi.engine.io.ModelDirectory;
import hifi.glue.model.TaskModel;
import hifi.method.adapter.Adapter;
import hifi.method.adapter.AdapterMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code merge}: a training run's adapter merged into its base model, written as a full model directory (with the
 * task head) that {@code eval} and {@code predict} take without {@code --adapter}, and that HF can load.
 */
@Command(name = "merge", description = "Merge a training run's adapter into its base model, writing a full fine-tuned model directory.")
public final class MergeCommand extends AppCommand {
    @Option(names = "--model", paramLabel = "DIR", required = true, description = "the base model directory the adapter was trained on")
    Path model;

    @Option(names = "--adapter", paramLabel = "DIR", required = true, description = "the adapter folder (RUN/adapter)")
    Path adapter;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the model directory to write")
    Path out;

    @Option(names = "--force", description = "replace --out if it exists")
    boolean force;

    @Override
    protected boolean computes() {
        return false;
    }

    @Override
    protected int execute(Invocation run) throws Exception {
        Adapter loaded = Adapter.load(adapter);
        ModelDirectory base = TaskModel.openDirectory(model);
        AdapterMerge.merge(base, loaded, out, force);
        run.out().println("wrote " + out + " (" + loaded.config().method() + " adapter, " + loaded.scalars()
                + " trained values, merged into " + model + ")");
        return Exit.OK;
    }
}
