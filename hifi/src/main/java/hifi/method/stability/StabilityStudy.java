package hifi.method.stability;

import hifi.engine.backend.Backend;
import hifi.method.select.HeadOutputModel;
import hifi.method.select.HeadSelector;
import hifi.method.select.HeadsJson;
import hifi.method.select.SelectionConfig;
import hifi.method.select.SelectionResult;
import hifi.method.select.TextExample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Repeats one task's head selection ({@link HeadSelector}, as {@code hifi select} runs it) for every calibration
 * sample size and seed of a {@link Plan}, and collects the results as a {@link TaskStability}. Each selection's
 * {@code heads.json} goes to {@code <folder>/<task>-n<size>-s<seed>/}; a study started again reads the selections
 * already there (when they were made with the same settings) instead of repeating them.
 */
public final class StabilityStudy {

    /**
     * What to repeat.
     *
     * @param sizes calibration sample sizes, each ≥ 2 (sorted and deduplicated)
     * @param seeds calibration seeds, at least two, distinct
     * @param base  every other selection setting
     */
    public record Plan(List<Integer> sizes, List<Long> seeds, SelectionConfig base) {
        public Plan {
            if (sizes.isEmpty()) throw new IllegalArgumentException("--samples needs at least one sample size");
            for (int n : sizes) if (n < 2) throw new IllegalArgumentException("--samples: every sample size must be ≥ 2 (two halves), got " + n);
            sizes = List.copyOf(new TreeSet<>(sizes));
            if (seeds.size() < 2 || new TreeSet<>(seeds).size() != seeds.size()) {
                throw new IllegalArgumentException("--seeds needs at least two distinct seeds, got " + seeds);
            }
            seeds = List.copyOf(seeds);
        }

        /** The settings of the selection with sample size {@code size} and seed {@code seed}. */
        public SelectionConfig config(int size, long seed) {
            return base.withSamples(size).withSeed(seed);
        }
    }

    private final Backend backend;
    private final Consumer<String> log;

    /** @param log one line per selection, plus the selector's notes and warnings */
    public StabilityStudy(Backend backend, Consumer<String> log) {
        this.backend = backend;
        this.log = log;
    }

    /** The folder of one selection's {@code heads.json} under {@code folder}. */
    public static Path selectionFolder(Path folder, String task, int size, long seed) {
        return folder.resolve(task + "-n" + size + "-s" + seed);
    }

    public TaskStability run(HeadOutputModel model, List<TextExample> training, String task, Plan plan, Path folder) throws IOException {
        List<List<SelectionRecord>> records = new ArrayList<>();
        for (int size : plan.sizes()) {
            List<SelectionRecord> row = new ArrayList<>();
            for (long seed : plan.seeds()) row.add(selection(model, training, task, plan.config(size, seed), selectionFolder(folder, task, size, seed)));
            records.add(row);
        }
        return new TaskStability(task, plan.sizes(), plan.seeds(), records);
    }

    private SelectionRecord selection(HeadOutputModel model, List<TextExample> training, String task, SelectionConfig config, Path dir)
            throws IOException {
        String label = String.format(Locale.ROOT, "%s n=%d seed %d", task, config.samples(), config.seed());
        Path file = dir.resolve("heads.json");
        if (Files.isRegularFile(file)) {
            SelectionRecord r = SelectionRecord.read(file, config, model.description(), task);
            log.accept(label + ": read " + file);
            return r;
        }
        SelectionResult result = new HeadSelector(backend, line -> {
            if (!line.startsWith("statistics: ")) log.accept(label + ": " + line);
        }).select(model, training, config, task);
        Files.createDirectories(dir);
        HeadsJson.write(result, file);
        SelectionRecord r = SelectionRecord.of(result);
        log.accept(String.format(Locale.ROOT, "%s: heads %s, split-half tau %.3f, %.1f s", label, r.selected(), r.halfTau(), r.seconds()));
        return r;
    }
}
