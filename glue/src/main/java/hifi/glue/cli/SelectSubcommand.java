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
        checkTask(args);
        return new SelectCommand(SelectSubcommand::training, (dir, backend) -> {
            TaskModel.openDirectory(dir);
            return BertHeadOutputModel.open(dir, backend);
        }, out, err).run(args.toArray(String[]::new));
    }

    /** A typo in {@code --task} is a usage error (exit 2) that lists the tasks, as in the other commands. */
    private static void checkTask(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = a.startsWith("--task=") ? a.substring(7) : a.equals("--task") && i + 1 < args.size() ? args.get(i + 1) : null;
            if (value == null) continue;
            try {
                GlueTask.byName(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    /** The training split of {@code task} as selection inputs (ids kept); {@code dataDir} may be null for sentiment. */
    static List<TextExample> training(String task, Path dataDir) throws IOException {
        GlueTask t = GlueTask.byName(task);
        if (dataDir == null && t != GlueTask.SENTIMENT) {
            throw new IllegalArgumentException("--data DIR is needed for task " + task + " (only sentiment has a bundled copy)");
        }
        TaskSplit train = TaskData.load(t, dataDir, "train", ReadOptions.strict());
        return HeadChoice.texts(train.examples());
    }
}
