package hifi.glue.experiments;

import hifi.engine.backend.Backend;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.Batch;
import hifi.engine.data.TrainingExample;
import hifi.engine.io.ModelDirectory;
import hifi.engine.nn.LoraConfig;
import hifi.engine.tokenizer.BertTokenizer;
import hifi.engine.tokenizer.Encoding;
import hifi.engine.train.Evaluator;
import hifi.engine.train.TrainResult;
import hifi.engine.train.Trainer;
import hifi.engine.train.TrainerConfig;
import hifi.glue.tasks.Example;
import hifi.glue.tasks.ReadOptions;
import hifi.glue.tasks.SentimentReader;
import hifi.glue.tasks.TaskSplit;
import hifi.glue.train.Hyperparameters;
import hifi.method.adapter.BaseModel;
import hifi.method.methods.HeadMasks;
import hifi.method.methods.Method;
import hifi.method.methods.MethodSpec;
import hifi.method.methods.ParameterCounts;
import hifi.method.select.BertHeadOutputModel;
import hifi.method.select.HeadSelector;
import hifi.method.select.SelectionConfig;
import hifi.method.select.SelectionResult;
import hifi.method.select.TextExample;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Experiment (too slow for the test suite): on the bundled UCI sentiment sentences (fixed train/dev split), fine-tune
 * a model directory with {@code hifi} (k heads per layer chosen once by PageRank on 256 calibration examples),
 * {@code full} and {@code linear-probe}, each with several seeds, and report the mean dev accuracy (best epoch) per
 * method. The acceptance check on all-MiniLM-L6-v2: {@code hifi} within 3 points of {@code full} and above
 * {@code linear-probe} (mean of 3 seeds); the last line says PASS or FAIL. The command line reaches it as
 * {@code hifi compare-methods}.
 */
public final class MethodComparison {
    private MethodComparison() {
    }

    /**
     * What to compare.
     *
     * @param model         the model directory
     * @param seeds         the seeds each method trains with
     * @param methods       the methods, in the order they run
     * @param epochs        epochs of each run
     * @param batch         examples per batch
     * @param maxLength     tokens per sentence
     * @param k             heads per layer for the head methods
     * @param trainSubset   train on a fixed-seed subset of this many sentences (0: all)
     * @param learningRates a method's peak learning rate where it is not {@link #defaultLearningRate}
     */
    public record Settings(Path model, List<Long> seeds, List<Method> methods, int epochs, int batch, int maxLength, int k,
                           int trainSubset, Map<Method, Float> learningRates) {
        public Settings {
            seeds = List.copyOf(seeds);
            methods = List.copyOf(methods);
            learningRates = Map.copyOf(learningRates);
        }

        float learningRate(Method m) {
            return learningRates.getOrDefault(m, defaultLearningRate(m));
        }
    }

    /** Runs the comparison on {@code be}, printing one line per run, the means and the verdict to {@code out}. */
    public static void run(Settings s, Backend be, PrintStream out) throws IOException {
        ModelDirectory dir = ModelDirectory.open(s.model());
        int epochs = s.epochs(), batch = s.batch(), maxLength = s.maxLength(), k = s.k();
        List<Method> methods = s.methods();

        TaskSplit trainSplit = SentimentReader.read(null, "train", ReadOptions.strict());
        TaskSplit devSplit = SentimentReader.read(null, "dev", ReadOptions.strict());
        List<Example> trainExamples = trainSplit.examples();
        if (s.trainSubset() > 0) trainExamples = trainSplit.sample(s.trainSubset(), 42).examples();
        BertTokenizer tokenizer = BertTokenizer.fromModelDirectory(dir.root()).withTruncation(maxLength);
        List<TrainingExample> train = encode(trainExamples, tokenizer), dev = encode(devSplit.examples(), tokenizer);
        List<String> labels = List.of("negative", "positive");
        out.printf(Locale.ROOT, "# %s: %d train / %d dev sentences, max length %d, epochs %d, batch %d, threads %d, backend %s%n",
                dir.root(), train.size(), dev.size(), maxLength, epochs, batch, be.workers().threads(), be.name());

        boolean[][] selection = null;
        if (methods.stream().anyMatch(m -> m.trainsHeads() && m != Method.RANDOM_HEADS)) {
            BertForSequenceClassification base = BaseModel.forClassification(dir, labels, "single_label_classification", 0, be);
            List<TextExample> texts = new ArrayList<>();
            for (Example e : trainExamples) texts.add(new TextExample(e.id(), e.textA(), e.textB()));
            SelectionResult r = new HeadSelector(be, line -> { }).select(new BertHeadOutputModel(base.bert(), tokenizer, be, dir.root().toString()),
                    texts, SelectionConfig.defaults().withK(k).withMaxLength(maxLength), "sentiment");
            selection = HeadMasks.of(r.selected(), base.config().numHiddenLayers(), base.config().numAttentionHeads());
            out.println("# selected heads " + r.selected() + ", mean stability tau " + r.meanStabilityTau());
        }

        Map<String, List<Double>> accuracy = new LinkedHashMap<>();
        for (Method m : methods) {
            String name = m.flag();
            float lr = s.learningRate(m);
            for (long seed : s.seeds()) {
                LoraConfig lora = m == Method.LORA ? Hyperparameters.defaults().loraConfig() : null;
                BertForSequenceClassification model = BaseModel.forClassification(dir, labels, "single_label_classification", seed, be, lora);
                MethodSpec spec = switch (m) {
                    case HIFI -> MethodSpec.hifi(selection);
                    case LORA -> MethodSpec.lora(lora);
                    case RANDOM_HEADS -> MethodSpec.randomHeads(model.config(), k, seed);
                    case INFO_ONLY, CORR_ONLY -> throw new IllegalArgumentException(name + ": run the ablation's selection first (not wired here)");
                    default -> MethodSpec.of(m);
                };
                var trainable = spec.trainable(model.config());
                TrainerConfig cfg = TrainerConfig.builder().epochs(epochs).batchSize(batch).learningRate(lr).seed(seed).lengthGrouped(true).build();
                long t0 = System.nanoTime();
                TrainResult r = new Trainer<>(model, trainable, cfg).train(train, accuracy(dev, 64), null);
                accuracy.computeIfAbsent(name, x -> new ArrayList<>()).add(r.bestMetric());
                out.printf(Locale.ROOT, "%-13s seed %d lr %.0e: dev accuracy %.4f (best at step %d of %d), %.0f s; %s%n", name, seed, lr,
                        r.bestMetric(), r.bestStep(), r.steps(), (System.nanoTime() - t0) / 1e9,
                        ParameterCounts.of(model.parameters(), trainable, model.config().headSize()).peftLine());
            }
        }
        for (var e : accuracy.entrySet()) {
            out.printf(Locale.ROOT, "%-13s mean dev accuracy %.4f ± %.4f over %d seeds%n", e.getKey(), mean(e.getValue()), std(e.getValue()), e.getValue().size());
        }
        if (accuracy.containsKey("hifi") && accuracy.containsKey("full") && accuracy.containsKey("linear-probe")) {
            double h = mean(accuracy.get("hifi")), f = mean(accuracy.get("full")), p = mean(accuracy.get("linear-probe"));
            boolean pass = h >= f - 0.03 && h > p;
            out.printf(Locale.ROOT, "%s: hifi %.4f vs full %.4f (gap %.4f, allowed 0.03), linear-probe %.4f%n", pass ? "PASS" : "FAIL", h, f, f - h, p);
        }
    }

    /** The harness's peak learning rates (not tuned): full 3e-5, linear-probe and bitfit 1e-3, the head methods 5e-4. */
    public static float defaultLearningRate(Method m) {
        return switch (m) {
            case FULL -> 3e-5f;
            case LINEAR_PROBE, BITFIT -> 1e-3f;
            default -> 5e-4f;
        };
    }

    static List<TrainingExample> encode(List<Example> examples, BertTokenizer tokenizer) {
        List<TrainingExample> out = new ArrayList<>();
        for (Example e : examples) {
            Encoding enc = e.isPair() ? tokenizer.encode(e.textA(), e.textB()) : tokenizer.encode(e.textA());
            out.add(TrainingExample.classification(enc.ids(), enc.typeIds(), e.label()));
        }
        return out;
    }

    /** Dev accuracy in eval mode, in batches of {@code batchSize}. */
    static Evaluator<BertForSequenceClassification> accuracy(List<TrainingExample> dev, int batchSize) {
        return model -> {
            int correct = 0;
            for (int from = 0; from < dev.size(); from += batchSize) {
                int n = Math.min(batchSize, dev.size() - from);
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) idx[i] = from + i;
                Batch b = Batch.collate(dev, idx, model.config().padTokenId(), false);
                var logits = model.forward(b, false, 0, null).logits();
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int c = 1; c < logits.dim(1); c++) if (logits.get(i, c) > logits.get(i, best)) best = c;
                    if (best == dev.get(from + i).label()) correct++;
                }
            }
            return correct / (double) dev.size();
        };
    }

    static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double std(List<Double> xs) {
        double m = mean(xs), s = 0;
        for (double x : xs) s += (x - m) * (x - m);
        return xs.size() > 1 ? Math.sqrt(s / (xs.size() - 1)) : 0;
    }
}
