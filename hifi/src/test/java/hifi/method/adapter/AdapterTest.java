package hifi.method.adapter;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.Batch;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.io.SafetensorsWriter;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.SyntheticTask;
import hifi.engine.train.Trainer;
import hifi.engine.train.TrainerConfig;
import hifi.method.methods.HeadMasks;
import hifi.method.methods.MethodSpec;
import hifi.method.methods.ParameterCounts;
import hifi.method.scoring.HeadId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A HiFi run saved as an adapter, loaded back, refused by another base, and merged into a full model directory. */
class AdapterTest {
    static final List<String> LABELS = List.of("negative", "positive");
    static final List<HeadId> HEADS = List.of(new HeadId(0, 1), new HeadId(0, 2), new HeadId(1, 3));
    final Backend be = Backends.byName("reference");

    @TempDir
    Path tmp;
    ModelDirectory base, otherBase;
    BertForSequenceClassification trained;
    Trainable trainable;

    @BeforeEach
    void trainAndSave() throws IOException {
        base = writeBase(tmp.resolve("base"), 11);
        otherBase = writeBase(tmp.resolve("other"), 12);
        trained = BaseModel.forClassification(base, LABELS, "single_label_classification", 5, be);
        trainable = MethodSpec.hifi(HeadMasks.of(HEADS, 2, 4)).trainable(trained.config());
        TrainerConfig c = TrainerConfig.builder().epochs(2).batchSize(16).learningRate(5e-3f).seed(1).build();
        new Trainer<>(trained, trainable, c).train(SyntheticTask.examples(64, 3), null, null);
        AdapterConfig config = new AdapterConfig("hifi", BaseModel.identity(base), HEADS, -1, "B", true, true, LABELS,
                "single_label_classification", 5, Map.of("learning_rate", 5e-3, "epochs", 2L, "seed", 1L));
        Adapter.save(tmp.resolve("adapter"), config, trained, trainable);
    }

    @Test
    void savesOnlyTheTrainedSlicesUnderHeadNames() throws IOException {
        Adapter a = Adapter.load(tmp.resolve("adapter"));
        assertEquals(ParameterCounts.of(trained.config(), trainable).trainable(), a.scalars());
        String l0 = "bert.encoder.layer.0.attention.";
        assertArrayEquals(new int[] {4, 16}, a.tensors().get(l0 + "self.query.weight.head_1").shape());
        assertArrayEquals(new int[] {4}, a.tensors().get(l0 + "self.value.bias.head_2").shape());
        assertArrayEquals(new int[] {16, 4}, a.tensors().get(l0 + "output.dense.weight.head_2").shape());
        assertArrayEquals(new int[] {2, 16}, a.tensors().get("classifier.weight").shape());
        assertArrayEquals(new int[] {16, 16}, a.tensors().get("bert.pooler.dense.weight").shape());
        assertEquals(3 * 7 + 4, a.tensors().size(), "7 slices per head (Q/K/V weight and bias, W_O), pooler and classifier");
        assertEquals(HEADS, a.config().selectedHeads());
        assertEquals(BaseModel.sha256(base.weightsPath()), a.config().base().sha256());
        assertEquals(5e-3, a.config().hyperparameters().get("learning_rate"));
    }

    @Test
    void loadsOntoItsBaseAndRefusesAnother() throws IOException {
        Adapter a = Adapter.load(tmp.resolve("adapter"));
        BertForSequenceClassification loaded = a.loadOnto(base, be);
        List<Parameter> want = trained.parameters(), got = loaded.parameters();
        for (int i = 0; i < want.size(); i++) assertArrayEquals(want.get(i).value().toArray(), got.get(i).value().toArray(), want.get(i).name());
        var e = assertThrows(IllegalArgumentException.class, () -> a.loadOnto(otherBase, be));
        assertTrue(e.getMessage().contains("refuses base model " + otherBase.root()) && e.getMessage().contains(a.config().base().sha256()), e.getMessage());
    }

    @Test
    void mergedModelDiffersFromTheBaseOnlyInTheTrainedSlices() throws IOException {
        Adapter a = Adapter.load(tmp.resolve("adapter"));
        Path out = tmp.resolve("merged");
        AdapterMerge.merge(base, a, out, false);
        ModelDirectory merged = ModelDirectory.open(out);
        int changedInsideSlices = 0;
        try (SafetensorsFile m = merged.openWeights(); SafetensorsFile b = base.openWeights()) {
            for (String name : b.names()) {
                float[] was = b.readFloats(name), now = m.readFloats(name);
                boolean[] inSlice = sliceMask(name, b.info(name).intShape(), a);
                for (int i = 0; i < was.length; i++) {
                    if (!inSlice[i]) {
                        assertEquals(Float.floatToRawIntBits(was[i]), Float.floatToRawIntBits(now[i]), name + "[" + i + "] outside the trained slices");
                    } else if (was[i] != now[i]) {
                        changedInsideSlices++;
                    }
                }
            }
            assertEquals(b.names().size() + 2, m.names().size(), "the classifier is added");
        }
        assertTrue(changedInsideSlices > 100, "training changed the selected slices: " + changedInsideSlices);

        BertForSequenceClassification fromMerged = BaseModel.forClassification(merged, LABELS, "single_label_classification", 99, be);
        var batch = Batch.collate(SyntheticTask.examples(8, 4), new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 0, false);
        assertArrayEquals(trained.forward(batch, false, 0, null).logits().toArray(), fromMerged.forward(batch, false, 0, null).logits().toArray());
    }

    @Test
    void aBaseWithoutPoolerGetsTheSameRandomPoolerBack() throws IOException {
        ModelDirectory noPooler = writeBase(tmp.resolve("no-pooler"), 13, false);
        BertForSequenceClassification probe = BaseModel.forClassification(noPooler, LABELS, "single_label_classification", 21, be);
        Trainable classifierOnly = MethodSpec.of(hifi.method.methods.Method.LINEAR_PROBE).trainable(probe.config());
        new Trainer<>(probe, classifierOnly, TrainerConfig.builder().epochs(1).batchSize(16).learningRate(5e-3f).build())
                .train(SyntheticTask.examples(32, 3), null, null);
        AdapterConfig config = new AdapterConfig("linear-probe", BaseModel.identity(noPooler), List.of(), -1, null, false, false,
                LABELS, "single_label_classification", 21, Map.of());
        Adapter.save(tmp.resolve("probe"), config, probe, classifierOnly);
        Adapter a = Adapter.load(tmp.resolve("probe"));
        assertEquals(List.of("classifier.bias", "classifier.weight"), a.tensors().keySet().stream().sorted().toList());
        List<Parameter> want = probe.parameters(), got = a.loadOnto(noPooler, be).parameters();
        for (int i = 0; i < want.size(); i++) assertArrayEquals(want.get(i).value().toArray(), got.get(i).value().toArray(), want.get(i).name());
    }

    /** Which elements of base tensor {@code name} the adapter overwrites. */
    static boolean[] sliceMask(String name, int[] shape, Adapter a) {
        Tensor marks = Tensor.zeros(shape);
        for (var e : a.tensors().entrySet()) {
            AdapterTensors.Target t = AdapterTensors.parse(e.getKey());
            if (!t.parameter().equals("bert." + name)) continue;
            Tensor view = t.head() < 0 ? marks : marks.narrow(name.endsWith("output.dense.weight") ? 1 : 0, t.head() * 4, 4);
            view.fill(1f);
        }
        float[] f = marks.toArray();
        boolean[] out = new boolean[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i] != 0;
        return out;
    }

    /** A converter-style base directory: encoder and pooler without the {@code bert.} prefix, no classifier. */
    static ModelDirectory writeBase(Path dir, long seed) throws IOException {
        return writeBase(dir, seed, true);
    }

    static ModelDirectory writeBase(Path dir, long seed, boolean pooler) throws IOException {
        BertConfig config = SyntheticTask.config(0.1f);
        BertForSequenceClassification m = BertForSequenceClassification.random(config, seed, Backends.byName("reference"));
        SafetensorsWriter w = new SafetensorsWriter();
        for (Parameter p : m.bert().parameters()) if (pooler || !p.name().contains("pooler")) w.putFloats(p.name().substring(5), p.value().toArray(), p.value().shape());
        List<String> vocab = new ArrayList<>();
        for (int i = 0; i < SyntheticTask.VOCAB; i++) vocab.add("tok" + i);
        ModelDirectory.write(dir, false, config.toJson(), w, vocab, ModelDirectory.tokenizerConfig(true, 16));
        return ModelDirectory.open(dir);
    }
}
