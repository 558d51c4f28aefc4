package hifi.glue.cli;

import hifi.engine.io.Json;
import hifi.glue.Fixtures;
import hifi.glue.io.MetricsLog;
import hifi.glue.testing.TinyModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GLUE runner end to end on a tiny random model and the miniature glue_data fixtures: train (with inline head
 * selection), eval with the adapter, predict a submission file; a regression task; a sweep that resumes.
 */
class TrainEvalPredictTest {
    @TempDir
    static Path tmp;
    static Path model;
    static final String DATA = Fixtures.glueData().toString();

    @BeforeAll
    static void writeModel() throws IOException {
        model = TinyModel.write(tmp.resolve("tiny"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void hifiTrainEvalPredictOnRte() throws IOException {
        Path run = tmp.resolve("rte-hifi");
        AppRun train = AppRun.of("train", "--model", model.toString(), "--task", "rte", "--data", DATA, "--out", run.toString(),
                "--method", "hifi", "--k", "1", "--samples", "3", "--epochs", "2", "--batch-size", "2", "--max-length", "48",
                "--lr", "1e-3", "--eval-every", "1");
        assertEquals(0, train.code(), train.toString());
        assertTrue(train.out().contains("trainable params: ") && train.out().contains("|| trainable%: "), train.out());
        for (String f : List.of("run.json", "result.json", "metrics.jsonl", "heads.json", "heads.png",
                "adapter/adapter_config.json", "adapter/adapter_model.safetensors", "checkpoints/checkpoint.safetensors")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f + " in the run folder");
        }
        List<Map<String, Object>> log = MetricsLog.read(run.resolve("metrics.jsonl"));
        long trainRecords = log.stream().filter(r -> "train".equals(r.get("event"))).count();
        long evalRecords = log.stream().filter(r -> "eval".equals(r.get("event"))).count();
        assertEquals(4, trainRecords, "2 epochs × 2 updates (3 examples, batch 2)");
        assertTrue(evalRecords >= 4, "an evaluation per update plus the final one: " + evalRecords);
        Map<String, Object> result = Json.parseObject(Files.readString(run.resolve("result.json")));
        assertTrue(((Map<String, Object>) result.get("metrics")).containsKey("accuracy"), result.toString());
        Map<String, Object> heads = Json.parseObject(Files.readString(run.resolve("heads.json")));
        assertEquals(TinyModel.LAYERS, ((List<Object>) heads.get("selected_heads")).size(), "k = 1 per layer");
        Map<String, Object> adapter = Json.parseObject(Files.readString(run.resolve("adapter/adapter_config.json")));
        assertEquals("hifi", adapter.get("method"));
        assertEquals("B", adapter.get("variant"), "the graph variant that chose the heads");
        assertEquals("rte", ((Map<String, Object>) adapter.get("hyperparameters")).get("task"));

        AppRun eval = AppRun.of("eval", "--model", model.toString(), "--adapter", run.resolve("adapter").toString(),
                "--task", "rte", "--data", DATA, "--max-length", "48", "--out", tmp.resolve("eval.json").toString());
        assertEquals(0, eval.code(), eval.toString());
        assertTrue(eval.out().contains("rte dev (7 examples): accuracy "), eval.out());
        double stored = ((Number) ((Map<String, Object>) result.get("metrics")).get("accuracy")).doubleValue();
        Map<String, Object> evalJson = Json.parseObject(Files.readString(tmp.resolve("eval.json")));
        double again = ((Number) ((Map<String, Object>) ((List<Object>) evalJson.get("results")).getFirst()).get("accuracy")).doubleValue();
        assertEquals(stored, again, 0.0, "eval of the saved adapter reproduces the run's final dev accuracy");
        AppRun evalDefault = AppRun.of("eval", "--model", model.toString(), "--adapter", run.resolve("adapter").toString(),
                "--task", "rte", "--data", DATA, "--out", tmp.resolve("eval-default.json").toString());
        assertEquals(0, evalDefault.code(), evalDefault.toString());
        assertEquals(48, ((Number) Json.parseObject(Files.readString(tmp.resolve("eval-default.json"))).get("max_length")).intValue(),
                "without --max-length, eval uses the length the adapter was trained with");
        assertEquals(eval.out().strip(), evalDefault.out().strip());

        Path submission = tmp.resolve("submission");
        AppRun predict = AppRun.of("predict", "--model", model.toString(), "--adapter", run.resolve("adapter").toString(),
                "--task", "rte", "--data", DATA, "--max-length", "48", "--out", submission.toString());
        assertEquals(0, predict.code(), predict.toString());
        List<String> lines = Files.readAllLines(submission.resolve("RTE.tsv"));
        assertEquals("index\tprediction", lines.getFirst());
        assertEquals(3, lines.size(), "header + the 2 test rows");
        for (String line : lines.subList(1, lines.size())) assertTrue(line.matches("\\d+\t(entailment|not_entailment)"), line);

        Path merged = tmp.resolve("rte-merged");
        AppRun merge = AppRun.of("merge", "--model", model.toString(), "--adapter", run.resolve("adapter").toString(), "--out", merged.toString());
        assertEquals(0, merge.code(), merge.toString());
        assertEquals(48L, Json.parseObject(Files.readString(merged.resolve("tokenizer_config.json"))).get("model_max_length"),
                "the merged tokenizer records the run's max length");
        AppRun evalMerged = AppRun.of("eval", "--model", merged.toString(), "--task", "rte", "--data", DATA);
        assertEquals(0, evalMerged.code(), evalMerged.toString());
        assertEquals(eval.out().strip(), evalMerged.out().strip(), "the merged model scores as base + adapter, at the run's length by default");
        AppRun mergedOnMnli = AppRun.of("eval", "--model", merged.toString(), "--task", "mnli", "--data", DATA);
        assertEquals(1, mergedOnMnli.code(), mergedOnMnli.toString());
        assertTrue(mergedOnMnli.err().contains("2 outputs but task mnli needs 3"), mergedOnMnli.toString());

        AppRun again2 = AppRun.of("train", "--model", model.toString(), "--task", "rte", "--data", DATA, "--out", run.toString());
        assertEquals(1, again2.code(), "a finished run folder is not overwritten: " + again2);
        assertTrue(again2.err().contains("finished run"), again2.toString());

        AppRun noCheckpoint = AppRun.of("train", "--model", model.toString(), "--task", "rte", "--data", DATA,
                "--out", tmp.resolve("fresh").toString(), "--resume");
        assertEquals(1, noCheckpoint.code(), noCheckpoint.toString());
        assertTrue(noCheckpoint.err().contains("no checkpoint"), noCheckpoint.toString());

        AppRun wrongTask = AppRun.of("eval", "--model", model.toString(), "--adapter", run.resolve("adapter").toString(),
                "--task", "sst2", "--data", DATA);
        assertEquals(1, wrongTask.code(), wrongTask.toString());
        assertTrue(wrongTask.err().contains("trained on task rte"), wrongTask.toString());
    }

    @Test
    void regressionTaskTrainsAndPredictsScoresOnAModelWithoutPooler() throws IOException {
        Path model = TinyModel.write(tmp.resolve("tiny-no-pooler"), false);
        Path run = tmp.resolve("stsb-bitfit");
        AppRun train = AppRun.of("train", "--model", model.toString(), "--task", "stsb", "--data", DATA, "--out", run.toString(),
                "--method", "bitfit", "--epochs", "1", "--batch-size", "2", "--max-length", "48");
        assertEquals(0, train.code(), train.toString());
        assertTrue(train.out().contains("pearson") && train.out().contains("spearman"), train.out());
        AppRun predict = AppRun.of("predict", "--model", model.toString(), "--adapter", run.resolve("adapter").toString(),
                "--task", "stsb", "--data", DATA, "--out", tmp.resolve("stsb-sub").toString());
        assertEquals(0, predict.code(), predict.toString());
        List<String> lines = Files.readAllLines(tmp.resolve("stsb-sub").resolve("STS-B.tsv"));
        assertTrue(lines.size() > 1 && lines.get(1).matches("\\S+\t-?[0-9.]+(E-?\\d+)?"), lines.toString());
        AppRun eval = AppRun.of("eval", "--model", model.toString(), "--adapter", run.resolve("adapter").toString(),
                "--task", "stsb", "--data", DATA);
        assertEquals(0, eval.code(), "the adapter re-creates the seeded pooler the base lacks: " + eval);
        AppRun otherBase = AppRun.of("eval", "--model", TrainEvalPredictTest.model.toString(), "--adapter",
                run.resolve("adapter").toString(), "--task", "stsb", "--data", DATA);
        assertEquals(1, otherBase.code(), otherBase.toString());
        assertTrue(otherBase.err().contains("refuses base model"), otherBase.toString());
        AppRun merge = AppRun.of("merge", "--model", model.toString(), "--adapter", run.resolve("adapter").toString(),
                "--out", tmp.resolve("stsb-merged").toString());
        assertEquals(0, merge.code(), "the merged model gets the seeded pooler the base lacks: " + merge);
        AppRun mergedEval = AppRun.of("eval", "--model", tmp.resolve("stsb-merged").toString(), "--task", "stsb", "--data", DATA);
        assertEquals(0, mergedEval.code(), mergedEval.toString());
        assertFalse(metricLines(eval.out()).isEmpty(), eval.out());
        assertEquals(metricLines(eval.out()), metricLines(mergedEval.out()), "merged model scores as base + adapter");
    }

    @Test
    @SuppressWarnings("unchecked")
    void mnliScoresBothDevSplitsAndPredictsBothTestSplits() throws IOException {
        Path run = tmp.resolve("mnli-probe");
        AppRun train = AppRun.of("train", "--model", model.toString(), "--task", "mnli", "--data", DATA, "--out", run.toString(),
                "--method", "linear-probe", "--epochs", "1", "--batch-size", "4", "--max-length", "48");
        assertEquals(0, train.code(), train.toString());
        Map<String, Object> metrics = (Map<String, Object>) Json.parseObject(Files.readString(run.resolve("result.json"))).get("metrics");
        assertEquals(java.util.Set.of("dev_matched/accuracy", "dev_mismatched/accuracy"), metrics.keySet());
        Path sub = tmp.resolve("mnli-sub");
        AppRun predict = AppRun.of("predict", "--model", model.toString(), "--adapter", run.resolve("adapter").toString(),
                "--task", "mnli", "--data", DATA, "--out", sub.toString());
        assertEquals(0, predict.code(), predict.toString());
        for (String f : List.of("MNLI-m.tsv", "MNLI-mm.tsv")) {
            List<String> lines = Files.readAllLines(sub.resolve(f));
            assertEquals("index\tprediction", lines.getFirst());
            for (String line : lines.subList(1, lines.size())) assertTrue(line.matches("\\S+\t(entailment|neutral|contradiction)"), line);
        }
    }

    @Test
    void sweepTrainsRealRunsAndSkipsFinishedOnes() throws IOException {
        Path config = tmp.resolve("sweep.json");
        Files.writeString(config, Json.pretty(Map.of("name", "tiny", "tasks", List.of("sst2"),
                "methods", List.of("linear-probe", "random-heads"), "seeds", List.of(1), "learning_rates", List.of(1e-3),
                "params", Map.of("model", model.toString(), "data", DATA, "epochs", 1, "batch_size", 4, "max_length", 32))));
        Path out = tmp.resolve("sweep");
        AppRun first = AppRun.of("sweep", "--config", config.toString(), "--out", out.toString());
        assertEquals(0, first.code(), first.toString());
        assertTrue(Files.isRegularFile(out.resolve("sst2_linear-probe_lr1e-3_s1/result.json")));
        Map<String, Object> randomHeads = Json.parseObject(Files.readString(out.resolve("sst2_random-heads_lr1e-3_s1/adapter/adapter_config.json")));
        assertEquals(TinyModel.LAYERS, ((List<?>) randomHeads.get("selected_heads")).size());
        assertEquals(null, randomHeads.get("variant"), "no graph chose random heads");
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("linear-probe") && summary.contains("random-heads"), summary);
        AppRun second = AppRun.of("sweep", "--config", config.toString(), "--out", out.toString());
        assertEquals(0, second.code(), second.toString());
        assertTrue(second.err().contains("0 run now, 2 already done"), second.toString());

        Files.writeString(config, Json.pretty(Map.of("tasks", List.of("sst2"), "methods", List.of("bitfit"), "seeds", List.of(1),
                "learning_rates", List.of(1e-3), "params", Map.of("model", model.toString(), "data", DATA, "epoch", 1))));
        AppRun typo = AppRun.of("sweep", "--config", config.toString(), "--out", tmp.resolve("sweep2").toString());
        assertEquals(1, typo.code(), typo.toString());
        assertTrue(Files.readString(tmp.resolve("sweep2/sst2_bitfit_lr1e-3_s1/error.txt")).contains("unknown run parameter \"epoch\""));
    }

    /** The metric lines of an eval's console output (what must agree between base + adapter and the merged model). */
    private static List<String> metricLines(String out) {
        return out.lines().filter(l -> l.contains("pearson") || l.contains("spearman")).toList();
    }
}
