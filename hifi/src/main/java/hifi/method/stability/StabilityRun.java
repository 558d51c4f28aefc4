package hifi.method.stability;

import hifi.engine.backend.Backend;
import hifi.method.select.HeadOutputModel;
import hifi.method.select.SelectionRun;
import hifi.method.select.TextExample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The stability study over several tasks on one model, as {@code hifi stability} runs it: every task's training
 * examples are read and the model opened before anything is written, then {@link StabilityStudy} runs task by task,
 * keeping each selection's {@code heads.json} under {@code <out>/selections/}. Reading task data and opening the
 * model are the caller's business, as for {@link SelectionRun}.
 */
public final class StabilityRun {

    /** The study's results: the model's description, the plan and one {@link TaskStability} per task, in order. */
    public record Results(String model, StabilityStudy.Plan plan, List<TaskStability> tasks) {
        public Results {
            tasks = List.copyOf(tasks);
        }
    }

    private final SelectionRun.TrainingData data;
    private final SelectionRun.ModelOpener models;
    private final Consumer<String> log;

    public StabilityRun(SelectionRun.TrainingData data, SelectionRun.ModelOpener models, Consumer<String> log) {
        this.data = data;
        this.models = models;
        this.log = log;
    }

    /**
     * @throws IllegalArgumentException for a missing folder, a task without data or a stored selection made otherwise
     * @throws IOException              when reading or writing fails
     */
    public Results run(Path modelDir, List<String> tasks, Path dataDir, Path outDir, StabilityStudy.Plan plan, Backend backend)
            throws IOException {
        if (!Files.isDirectory(modelDir)) throw new IllegalArgumentException("--model " + modelDir + " is not a folder");
        if (dataDir != null && !Files.isDirectory(dataDir)) throw new IllegalArgumentException("--data " + dataDir + " is not a folder");
        if (tasks.isEmpty() || tasks.stream().distinct().count() != tasks.size()) throw new IllegalArgumentException("--tasks needs distinct tasks, got " + tasks);
        Map<String, List<TextExample>> training = new LinkedHashMap<>();
        for (String task : tasks) training.put(task, data.load(task, dataDir));
        HeadOutputModel model = models.open(modelDir, backend);
        StabilityStudy study = new StabilityStudy(backend, log);
        List<TaskStability> results = new ArrayList<>();
        for (var e : training.entrySet()) {
            log.accept("stability: " + e.getKey() + " (" + e.getValue().size() + " training examples), samples " + plan.sizes() + ", seeds " + plan.seeds());
            results.add(study.run(model, e.getValue(), e.getKey(), plan, outDir.resolve("selections")));
        }
        return new Results(model.description(), plan, results);
    }
}
