package hifi.method.adapter;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.Batch;
import hifi.engine.io.Json;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.nn.LoraConfig;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.SyntheticTask;
import hifi.engine.train.Trainer;
import hifi.engine.train.TrainerConfig;
import hifi.method.methods.MethodSpec;
import hifi.method.methods.ParameterCounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * peft's LoRA adapter format both ways: the folder the fixture script wrote in exactly peft's layout (as Python peft
 * would) is read and scores as PyTorch did; our own writer produces the same keys and shapes; write → read gives the
 * identical tensors; merging gives the adapter model's logits; a LoRA run's adapter refuses another base.
 */
class LoraAdapterTest {
    static final String FIXTURE = "/fixtures/tiny-bert-lora/";
    final Backend be = Backends.byName("reference");

    @TempDir
    Path tmp;
    ModelDirectory base;
    Path peft;
    Map<String, Tensor> expected;
    Batch batch;

    @BeforeEach
    void copyFixture() throws IOException {
        // Streamed from the class path: under `mvn verify` the engine's test resources are inside its test-jar.
        Path dir = Files.createDirectories(tmp.resolve("tiny-bert-lora"));
        peft = Files.createDirectories(tmp.resolve("peft-adapter"));
        for (String f : List.of("config.json", "model.safetensors", "expected.safetensors")) copy(FIXTURE + f, dir.resolve(f));
        for (String f : List.of(Adapter.CONFIG, Adapter.WEIGHTS)) copy(FIXTURE + "peft-adapter/" + f, peft.resolve(f));
        List<String> vocab = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        for (int i = 0; vocab.size() < 99; i++) vocab.add("w" + i);
        Files.write(dir.resolve(ModelDirectory.VOCAB), vocab);
        Files.writeString(dir.resolve(ModelDirectory.TOKENIZER_CONFIG), Json.pretty(ModelDirectory.tokenizerConfig(true, 64)));
        base = ModelDirectory.open(dir);
        expected = new LinkedHashMap<>();
        long[] ids, types, mask, labels;
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("expected.safetensors"))) {
            for (String n : f.names()) if (f.info(n).dtype().isFloatingPoint()) expected.put(n, f.readTensor(n));
            ids = f.readLongs("input_ids");
            types = f.readLongs("token_type_ids");
            mask = f.readLongs("attention_mask");
            labels = f.readLongs("labels");
        }
        batch = new Batch(ints(ids), ints(types), ints(mask), labels.length, ids.length / labels.length, ints(labels), null);
    }

    private static void copy(String resource, Path to) throws IOException {
        try (var in = LoraAdapterTest.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the test class path (engine test-jar)");
            Files.copy(in, to);
        }
    }

    private static int[] ints(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.toIntExact(v[i]);
        return out;
    }

    static double maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toArray(), y = b.toArray();
        assertEquals(x.length, y.length);
        double m = 0;
        for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
        return m;
    }

    @Test
    void readsTheFolderPythonPeftWritesAndScoresAsPyTorch() throws IOException {
        Adapter a = Adapter.load(peft);
        AdapterConfig c = a.config();
        assertTrue(c.isLora());
        assertEquals(new LoraConfig(4, 6f, 0.1f, List.of("intermediate.dense", "output.dense", "query", "value")), c.lora());
        assertEquals(List.of("LABEL_0", "LABEL_1", "LABEL_2"), c.labels(), "from the classifier's rows: Python peft records no labels");
        assertNull(c.base().sha256(), "Python peft records no hash");
        assertTrue(c.pooler(), "pooler in modules_to_save");
        assertEquals(24, a.tensors().size());
        assertArrayEquals(new int[] {4, 32}, a.tensors().get("bert.encoder.layer.0.attention.self.query.lora_A.weight").shape());
        assertArrayEquals(new int[] {32, 4}, a.tensors().get("bert.encoder.layer.1.output.dense.lora_B.weight").shape());
        assertArrayEquals(new int[] {64, 4}, a.tensors().get("bert.encoder.layer.1.intermediate.dense.lora_B.weight").shape());
        BertForSequenceClassification model = a.loadOnto(base, be);
        var pass = model.forward(batch, false, 0, null);
        double d = maxAbsDiff(expected.get("logits"), pass.logits());
        assertTrue(d <= 1e-5, "logits differ from PyTorch's by " + d);
        assertEquals(expected.get("loss").get(0), pass.loss(), 1e-5);
    }

    @Test
    void writesPeftsKeysAndShapesAndReadsBackIdenticalTensors() throws IOException {
        Adapter python = Adapter.load(peft);
        BertForSequenceClassification model = python.loadOnto(base, be);
        LoraConfig lora = python.config().lora();
        Trainable trainable = MethodSpec.lora(lora).trainable(model.config());
        AdapterConfig ours = new AdapterConfig("lora", BaseModel.identity(base), List.of(), -1, null, true, false,
                python.config().labels(), "single_label_classification", 3, Map.of("learning_rate", 5e-4), lora);
        Path out = tmp.resolve("ours");
        Adapter.save(out, ours, model, trainable);

        Map<String, int[]> pythonKeys = keysAndShapes(peft.resolve(Adapter.WEIGHTS)), ourKeys = keysAndShapes(out.resolve(Adapter.WEIGHTS));
        assertEquals(pythonKeys.keySet(), ourKeys.keySet(), "the same peft keys");
        for (String k : pythonKeys.keySet()) assertArrayEquals(pythonKeys.get(k), ourKeys.get(k), k);
        assertTrue(ourKeys.containsKey("base_model.model.bert.encoder.layer.0.attention.self.query.lora_A.weight"));
        assertTrue(ourKeys.containsKey("base_model.model.classifier.weight") && ourKeys.containsKey("base_model.model.bert.pooler.dense.bias"));

        Adapter back = Adapter.load(out);
        assertEquals(python.tensors().keySet(), back.tensors().keySet());
        for (var e : python.tensors().entrySet()) assertArrayEquals(e.getValue().toArray(), back.tensors().get(e.getKey()).toArray(), e.getKey());
        assertEquals(ours, back.config(), "the config round-trips");
        assertEquals(ParameterCounts.of(model.config(), trainable, lora).trainable(), back.scalars());

        Map<String, Object> json = Json.parseObject(Files.readString(out.resolve(Adapter.CONFIG), StandardCharsets.UTF_8));
        assertEquals("LORA", json.get("peft_type"));
        assertEquals("SEQ_CLS", json.get("task_type"));
        assertEquals(4L, json.get("r"));
        assertEquals(6L, json.get("lora_alpha"));
        assertEquals(0.1, json.get("lora_dropout"));
        assertEquals("none", json.get("bias"));
        assertEquals(false, json.get("fan_in_fan_out"));
        assertEquals(true, json.get("inference_mode"));
        assertEquals(List.of("classifier", "pooler"), json.get("modules_to_save"));
        assertEquals(List.of("intermediate.dense", "output.dense", "query", "value"), json.get("target_modules"));
        assertEquals(BaseModel.sha256(base.weightsPath()), json.get("base_model_sha256"));
        assertEquals(new ArrayList<>(json.keySet()).stream().sorted().toList(), new ArrayList<>(json.keySet()), "keys sorted as peft writes them");
    }

    private static Map<String, int[]> keysAndShapes(Path file) throws IOException {
        Map<String, int[]> m = new TreeMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (String n : f.names()) m.put(n, f.info(n).intShape());
        }
        return m;
    }

    @Test
    void mergingGivesTheAdapterModelsLogits() throws IOException {
        Adapter a = Adapter.load(peft);
        Path out = tmp.resolve("merged");
        AdapterMerge.merge(base, a, out, false);
        ModelDirectory merged = ModelDirectory.open(out);
        try (SafetensorsFile f = merged.openWeights()) {
            assertTrue(f.names().stream().noneMatch(n -> n.contains("lora_")), "no factors in the merged model");
        }
        var fromMerged = BaseModel.forClassification(merged, a.config().labels(), "single_label_classification", 99, be);
        Tensor mergedLogits = fromMerged.forward(batch, false, 0, null).logits();
        Tensor adapterLogits = a.loadOnto(base, be).forward(batch, false, 0, null).logits();
        double d = maxAbsDiff(adapterLogits, mergedLogits), torch = maxAbsDiff(expected.get("merged.logits"), mergedLogits);
        assertTrue(d <= 1e-5, "merged vs adapter logits: " + d);
        assertTrue(torch <= 1e-5, "merged vs PyTorch's merged logits: " + torch);
        System.out.printf("LoRA merge: max |merged − adapter| %.2e, max |merged − torch merged| %.2e%n", d, torch);
    }

    @Test
    void aTrainedRunRefusesAnotherBaseAndReloadsBitForBit() throws IOException {
        ModelDirectory own = AdapterTest.writeBase(tmp.resolve("own"), 11), other = AdapterTest.writeBase(tmp.resolve("other"), 12);
        LoraConfig lora = MethodSpec.loraConfig(2, 4, 0.1, "query,value,output.dense");
        List<String> labels = List.of("negative", "positive");
        BertForSequenceClassification trained = BaseModel.forClassification(own, labels, "single_label_classification", 5, be, lora);
        Trainable trainable = MethodSpec.lora(lora).trainable(trained.config());
        new Trainer<>(trained, trainable, TrainerConfig.builder().epochs(2).batchSize(16).learningRate(5e-3f).seed(1).build())
                .train(SyntheticTask.examples(64, 3), null, null);
        AdapterConfig config = new AdapterConfig("lora", BaseModel.identity(own), List.of(), -1, null, true, false, labels,
                "single_label_classification", 5, Map.of(), lora);
        Adapter.save(tmp.resolve("adapter"), config, trained, trainable);
        Adapter a = Adapter.load(tmp.resolve("adapter"));
        var sample = Batch.collate(SyntheticTask.examples(8, 4), new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 0, false);
        assertArrayEquals(trained.forward(sample, false, 0, null).logits().toArray(), a.loadOnto(own, be).forward(sample, false, 0, null).logits().toArray());
        var e = assertThrows(IllegalArgumentException.class, () -> a.loadOnto(other, be));
        assertTrue(e.getMessage().contains("refuses base model " + other.root()), e.getMessage());
        float[] b = a.tensors().get("bert.encoder.layer.0.attention.self.query.lora_B.weight").toArray();
        assertTrue(java.util.stream.IntStream.range(0, b.length).anyMatch(i -> b[i] != 0f), "training moved B off zero");
    }

    @Test
    void settingsTheEngineDoesNotImplementAreRefusedByName() throws IOException {
        String original = Files.readString(peft.resolve(Adapter.CONFIG), StandardCharsets.UTF_8);
        for (String[] change : new String[][] {{"\"use_dora\": false", "\"use_dora\": true", "use_dora"},
                {"\"bias\": \"none\"", "\"bias\": \"all\"", "bias"},
                {"\"task_type\": \"SEQ_CLS\"", "\"task_type\": \"CAUSAL_LM\"", "task_type"}}) {
            Files.writeString(peft.resolve(Adapter.CONFIG), original.replace(change[0], change[1]), StandardCharsets.UTF_8);
            var e = assertThrows(IllegalArgumentException.class, () -> Adapter.load(peft));
            assertTrue(e.getMessage().contains(change[2]) && e.getMessage().contains(Adapter.CONFIG), e.getMessage());
        }
    }
}
