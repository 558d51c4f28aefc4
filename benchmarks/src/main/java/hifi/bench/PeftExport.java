package hifi.bench;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.Batch;
import hifi.engine.data.TrainingExample;
import hifi.engine.io.AtomicFiles;
import hifi.engine.io.Json;
import hifi.engine.io.ModelDirectory;
import hifi.engine.nn.LoraConfig;
import hifi.engine.param.Trainable;
import hifi.engine.train.Trainer;
import hifi.engine.train.TrainerConfig;
import hifi.method.adapter.Adapter;
import hifi.method.adapter.AdapterConfig;
import hifi.method.adapter.BaseModel;
import hifi.method.methods.MethodSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Java half of the check that Python peft loads an adapter this project wrote: trains LoRA (r 4, alpha 8 on
 * query, value, intermediate.dense, output.dense) for a few steps on a small HF BERT base, so that every factor is
 * non-zero, writes it in peft's layout ({@code OUT/adapter}), and writes {@code OUT/expected.json} with a batch of
 * token ids and this engine's logits for it; {@code OUT/base} is the base as a model directory of this project (and
 * of transformers). {@code benchmarks/python/peft_load_check.py} loads that base with transformers and the adapter with
 * {@code PeftModel.from_pretrained} and compares the logits.
 *
 * <p>Usage: {@code PeftExport --base DIR --out DIR} (DIR: {@code config.json} and {@code model.safetensors}, e.g. the
 * engine's fixture {@code engine/src/test/resources/fixtures/tiny-bert-lora}).
 */
public final class PeftExport {
    private PeftExport() {
    }

    public static void main(String[] args) throws IOException {
        BenchArgs a = new BenchArgs(args, "PeftExport --base DIR --out DIR", List.of("base", "out"));
        Path from = Path.of(a.required("base")), out = Path.of(a.required("out"));
        ModelDirectory base = baseCopy(from, out.resolve("base"));
        Backend be = Backends.current();
        List<String> labels = List.of("LABEL_0", "LABEL_1", "LABEL_2");
        LoraConfig lora = MethodSpec.loraConfig(4, 8, 0.0, "query,value,intermediate.dense,output.dense");
        BertForSequenceClassification model = BaseModel.forClassification(base, labels, "single_label_classification", 5, be, lora);
        Trainable trainable = MethodSpec.lora(lora).trainable(model.config());
        int vocab = model.config().vocabSize();
        new Trainer<>(model, trainable, TrainerConfig.builder().epochs(3).batchSize(8).learningRate(1e-2f).evalEachEpoch(false).seed(1).build())
                .train(examples(32, vocab, 3), null, null);
        AdapterConfig config = new AdapterConfig("lora", BaseModel.identity(base), List.of(), -1, null, true, false, labels,
                "single_label_classification", 5, Map.of(), lora);
        Adapter.save(out.resolve("adapter"), config, model, trainable);

        List<TrainingExample> sample = examples(4, vocab, 9);
        Batch batch = Batch.collate(sample, new int[] {0, 1, 2, 3}, model.config().padTokenId(), false);
        float[] logits = model.forward(batch, false, 0, null).logits().toArray();
        List<List<Integer>> ids = new ArrayList<>(), mask = new ArrayList<>();
        List<List<Double>> rows = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            List<Integer> r = new ArrayList<>(), m = new ArrayList<>();
            for (int id : sample.get(i).ids()) {
                r.add(id);
                m.add(1);
            }
            ids.add(r);
            mask.add(m);
            List<Double> l = new ArrayList<>();
            for (int c = 0; c < labels.size(); c++) l.add((double) logits[i * labels.size() + c]);
            rows.add(l);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("input_ids", ids);
        json.put("attention_mask", mask);
        json.put("logits", rows);
        AtomicFiles.writeString(out.resolve("expected.json"), Json.write(json));
        System.out.println("peft-export: " + out.resolve("adapter") + " and " + out.resolve("expected.json"));
    }

    /**
     * The weights and config of {@code from} in {@code dir}, with the placeholder vocabulary and tokenizer settings a
     * model directory of this project needs (the check feeds token ids, so their spelling does not matter); Python
     * loads the same folder.
     */
    private static ModelDirectory baseCopy(Path from, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String f : List.of("config.json", "model.safetensors")) Files.copy(from.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        int vocab = BertConfig.load(dir.resolve("config.json")).vocabSize();
        List<String> words = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        for (int i = 0; words.size() < vocab; i++) words.add("w" + i);
        Files.write(dir.resolve(ModelDirectory.VOCAB), words);
        AtomicFiles.writeString(dir.resolve(ModelDirectory.TOKENIZER_CONFIG), Json.pretty(ModelDirectory.tokenizerConfig(true, 64)));
        return ModelDirectory.open(dir);
    }

    /** {@code n} full-length sequences of 12 ids in {@code [1, vocab)}, labels in {@code 0..2}. */
    private static List<TrainingExample> examples(int n, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] ids = new int[12];
            for (int j = 0; j < ids.length; j++) ids[j] = 1 + r.nextInt(vocab - 1);
            out.add(TrainingExample.classification(ids, null, r.nextInt(3)));
        }
        return out;
    }
}
