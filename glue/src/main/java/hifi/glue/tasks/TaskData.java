package hifi.glue.tasks;

import java.io.IOException;
import java.nio.file.Path;

/** One entry point for every task's data: GLUE TSV files or the UCI sentiment JSON. */
public final class TaskData {
    private TaskData() {
    }

    /**
     * Reads one split.
     *
     * @param dataRoot for GLUE tasks the {@code glue_data} folder (holding {@code RTE/}, {@code SST-2/}, …); for
     *                 {@code sentiment} the folder with the three JSON files, or null for the bundled copy
     */
    public static TaskSplit load(GlueTask task, Path dataRoot, String split, ReadOptions options) throws IOException {
        if (task == GlueTask.SENTIMENT) return SentimentReader.read(dataRoot, split, options);
        if (dataRoot == null) throw new IllegalArgumentException("task " + task.key() + " needs a data folder (--data)");
        return GlueTsvReader.read(task, dataRoot, split, options);
    }
}
