package hifi.glue.cli;

import hifi.glue.model.TaskModel;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.ReadOptions;
import hifi.glue.tasks.TaskData;
import hifi.glue.tasks.TaskSplit;
import hifi.glue.train.HeadChoice;
import hifi.method.select.BertHeadOutputModel;
import hifi.method.select.SelectCommand;
import hifi.method.select.TextExample;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code select}: the hifi module's head-selection command ({@link SelectCommand}), given the GLUE readers for the
 * training split and the model-directory checks of {@link TaskModel}.
 */
final class SelectSubcommand implements Subcommand {

    @Override
    public String name() {
        return "select";
    }

    @Override
    public String description() {
        return "Rank attention heads on a task's training data (HiFi PageRank) and write heads.json and heads.png.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return new SelectCommand(SelectSubcommand::training, (dir, backend) -> {
            TaskModel.openDirectory(dir);
            return BertHeadOutputModel.open(dir, backend);
        }, out, err).run(args.toArray(String[]::new));
    }

    /** The training split of {@code task} as selection inputs (ids kept). */
    static List<TextExample> training(String task, Path dataDir) throws IOException {
        TaskSplit train = TaskData.load(GlueTask.byName(task), dataDir, "train", ReadOptions.strict());
        return HeadChoice.texts(train.examples());
    }
}
