package hifi.engine.bert;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.backend.CountingBackend;
import hifi.engine.data.Batch;
import hifi.engine.nn.LoraConfig;
import hifi.engine.nn.LoraInit;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.FiniteDifference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LoRA in the engine against PyTorch ({@code tiny-bert-lora} of {@code make_bert_fixtures.py}: LoRA written directly in
 * torch on query, value, intermediate.dense and output.dense, which by peft's suffix rule also takes
 * attention.output.dense; r 4, alpha 6; the task head's trained copies from the peft-layout adapter folder), finite
 * differences on the factors with dropout on, the masked backward (the frozen base weights' gradients are never
 * formed) and the initialisation peft uses.
 */
class LoraTest {
    static final String FIXTURE = "tiny-bert-lora";
    static final String PEFT_PREFIX = "base_model.model.";
    static final LoraConfig FIXTURE_LORA = new LoraConfig(4, 6f, 0.1f, List.of("query", "value", "intermediate.dense", "output.dense"));

    /** The fixture's base with the peft adapter's tensors in place: LoRA factors and the task head's trained copies. */
    static BertForSequenceClassification fixtureModel(LoraConfig lora, Backend be) throws IOException {
        return fixtureModel(lora, be, false);
    }

    /** As above; with {@code freshFactors} the LoRA factors are initialised ({@link LoraInit}) instead of read. */
    static BertForSequenceClassification fixtureModel(LoraConfig lora, Backend be, boolean freshFactors) throws IOException {
        Path dir = SafetensorsFixture.resource("/fixtures/" + FIXTURE);
        Map<String, Tensor> tensors = new HashMap<>(SafetensorsFixture.read(dir.resolve("model.safetensors")).floats);
        for (var e : SafetensorsFixture.read(dir.resolve("peft-adapter/adapter_model.safetensors")).floats.entrySet()) {
            tensors.put(e.getKey().substring(PEFT_PREFIX.length()), e.getValue());
        }
        BertConfig config = BertConfig.load(dir.resolve("config.json"));
        MapWeights stored = new MapWeights(tensors, dir.toString());
        return new BertForSequenceClassification(config, freshFactors ? new LoraInit(stored, 7) : stored, be, lora);
    }

    static Batch fixtureBatch(SafetensorsFixture ex) {
        int[] ids = ex.ints("input_ids"), labels = ex.ints("labels");
        return new Batch(ids, ex.ints("token_type_ids"), ex.ints("attention_mask"), labels.length, ids.length / labels.length, labels, null);
    }

    static SafetensorsFixture expected() throws IOException {
        return SafetensorsFixture.read(SafetensorsFixture.resource("/fixtures/" + FIXTURE).resolve("expected.safetensors"));
    }

    static Trainable loraAndHead(BertConfig c) {
        return Trainable.builder(c.numHiddenLayers(), c.numAttentionHeads()).group(BertParameterGroups.LORA)
                .group(BertParameterGroups.CLASSIFIER).group(BertParameterGroups.POOLER).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void matchesPyTorch(String backend) throws Exception {
        Backend be = Backends.byName(backend);
        BertForSequenceClassification model = fixtureModel(FIXTURE_LORA, be);
        SafetensorsFixture ex = expected();
        var pass = model.forward(fixtureBatch(ex), false, 0L, null);
        BertFixtureTest.assertClose("logits", ex.tensor("logits"), pass.logits(), 1e-5);
        assertEquals(ex.tensor("loss").get(0), pass.loss(), 1e-5, "loss");

        Gradients g = model.allocateGradients(loraAndHead(model.config()));
        model.backward(pass, g);
        Set<String> want = new TreeSet<>(), got = new TreeSet<>();
        for (String k : ex.floats.keySet()) if (k.startsWith("grad.")) want.add(k.substring(5));
        double worst = 0;
        for (Gradients.Slice s : g.slices()) {
            got.add(s.parameter().name());
            double rel = BertFixtureTest.relativeError(ex.tensor("grad." + s.parameter().name()), s.grad());
            worst = Math.max(worst, rel);
            assertTrue(rel <= 1e-4, s.parameter().name() + ": relative gradient error " + rel);
        }
        assertEquals(want, got, "a gradient for every LoRA factor and the task head, nothing else");
        assertEquals(24, got.size(), "2 layers × 5 targeted projections × (A, B) + classifier and pooler weight and bias");
        System.out.printf("LoRA fixture on %s: worst gradient relative error %.2e%n", backend, worst);
    }

    @Test
    void targetsFollowPeftsSuffixRule() {
        LoraConfig c = new LoraConfig(8, 16, 0.1f, List.of("output.dense"));
        assertTrue(c.targets("bert.encoder.layer.0.attention.output.dense"));
        assertTrue(c.targets("bert.encoder.layer.0.output.dense"));
        assertTrue(!c.targets("bert.encoder.layer.0.intermediate.dense"));
        LoraConfig qv = new LoraConfig(8, 16, 0.1f, List.of("query", "value"));
        assertTrue(qv.targets("bert.encoder.layer.11.attention.self.query") && qv.targets("bert.encoder.layer.3.attention.self.value"));
        assertTrue(!qv.targets("bert.encoder.layer.3.attention.self.key") && !qv.targets("bert.encoder.layer.3.attention.self.queryx"));
        assertEquals(2f, qv.scaling());
    }

    /** Central differences of the train-mode loss (LoRA dropout and every other dropout on, fixed seed). */
    @Test
    void factorGradientsMatchFiniteDifferences() throws Exception {
        BertForSequenceClassification model = fixtureModel(FIXTURE_LORA, Backends.byName("reference"));
        Batch batch = fixtureBatch(expected());
        long seed = 4242;
        Gradients g = model.allocateGradients(loraAndHead(model.config()));
        model.backward(model.forward(batch, true, seed, null), g);
        double h = 1e-2, worst = 0;
        int checked = 0;
        for (Parameter p : model.parameters()) {
            if (!BertParameterGroups.LORA.contains(p.name())) continue;
            float[] grad = g.whole(p.name()).toArray();
            boolean whole = p.name().equals("bert.encoder.layer.0.attention.self.query.lora_A.weight")
                    || p.name().equals("bert.encoder.layer.1.output.dense.lora_B.weight");
            double[] fd = whole ? FiniteDifference.gradient(p.value(), h, () -> model.forward(batch, true, seed, null).loss()) : null;
            int[] at = whole ? range(grad.length) : new int[] {FiniteDifferenceTest.argMaxAbs(grad)};
            Tensor flat = p.value().view(p.value().numel());
            for (int i : at) {
                double numeric;
                if (whole) {
                    numeric = fd[i];
                } else {
                    float saved = flat.get(i);
                    flat.set((float) (saved + h), i);
                    double up = model.forward(batch, true, seed, null).loss();
                    flat.set((float) (saved - h), i);
                    double down = model.forward(batch, true, seed, null).loss();
                    flat.set(saved, i);
                    numeric = (up - down) / (2 * h);
                }
                double err = Math.abs(numeric - grad[i]);
                assertTrue(err <= 2e-4 + 5e-3 * Math.abs(grad[i]), p.name() + "[" + i + "]: analytic " + grad[i] + ", finite difference " + numeric);
                if (Math.abs(grad[i]) > 1e-3) worst = Math.max(worst, err / Math.abs(grad[i]));
                checked++;
            }
        }
        assertEquals(18 + 2 * 128, checked, "the largest entry of 18 factors, every entry of two");
        System.out.printf("LoRA finite differences: %d entries, worst relative error %.2e%n", checked, worst);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** The LoRA gradients of a LoRA-only backward equal those of the backward that differentiates everything, bit for bit. */
    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void maskedBackwardEqualsTheFullOneRestricted(String backend) throws Exception {
        BertForSequenceClassification model = fixtureModel(FIXTURE_LORA, Backends.byName(backend));
        Batch batch = fixtureBatch(expected());
        BertConfig c = model.config();
        Gradients full = model.allocateGradients(Trainable.all(c.numHiddenLayers(), c.numAttentionHeads()));
        model.backward(model.forward(batch, true, 5, null), full);
        Gradients lora = model.allocateGradients(loraAndHead(c));
        model.backward(model.forward(batch, true, 5, null), lora);
        for (Gradients.Slice s : lora.slices()) assertArrayEquals(full.whole(s.parameter().name()).toArray(), s.grad().toArray(), s.label());
    }

    /**
     * LoRA on query and value of both layers, task head trainable: the backward's GEMM work is the closed form of
     * {@link MaskedBackwardTest.Dims} plus the LoRA branches' products, and no frozen weight gradient at all (one of
     * them alone, {@code 2·N·d·d}, is larger than all LoRA terms of a layer).
     */
    @Test
    void frozenBaseWeightsAreNeverDifferentiated() throws Exception {
        CountingBackend be = new CountingBackend(Backends.byName("reference"));
        int r = 2;
        BertForSequenceClassification model = fixtureModel(new LoraConfig(r, 4, 0.1f, List.of("query", "value")), be, true);
        Batch batch = fixtureBatch(expected());
        BertConfig c = model.config();
        var dims = new MaskedBackwardTest.Dims(batch.tokens(), c.hiddenSize(), c.intermediateSize(), c.numAttentionHeads(), c.headSize(),
                batch.batch(), batch.seqLen(), c.numLabels());
        Gradients g = model.allocateGradients(loraAndHead(c));
        var pass = model.forward(batch, true, 3, null);
        be.reset();
        model.backward(pass, g);
        long n = dims.n(), d = dims.d(), b = dims.b();
        // Per LoRA projection on R rows: parameters 4 products of 2·R·d·r (u, dB, g, dA); input gradient 2 (g, g·A).
        long top = dims.passThroughLayer(true) + 12 * b * d * r + 12 * n * d * r;  // query on the [CLS] rows, value on all
        long bottom = 2 * MaskedBackwardTest.Dims.linear(n, d, dims.f()) + MaskedBackwardTest.Dims.linear(n, d, d)
                + dims.attentionCore(dims.heads(), dims.t()) + 2 * 8 * n * d * r;  // no input gradient below layer 0
        assertEquals(dims.head(true) + top + bottom, be.gemmFlops());
        assertEquals(c.numHiddenLayers() * 2L * 2 + 4, g.slices().size(), "A and B of 4 projections, pooler and classifier");
    }

    @Test
    void initialisationIsPeftsKaimingUniformAndZeroB() throws Exception {
        SafetensorsFixture ex = expected();
        for (int fanIn : new int[] {32, 64}) {
            double torchBound = ex.tensor("kaiming_bound." + fanIn).get(0);
            assertEquals(torchBound, LoraInit.kaimingUniformBound(Math.sqrt(5), fanIn), 1e-7 * torchBound, "bound for fan-in " + fanIn);
        }
        LoraInit init = new LoraInit((name, shape) -> Tensor.zeros(shape), 11);
        String a = "bert.encoder.layer.0.attention.self.query" + LoraInit.A_SUFFIX;
        Tensor t = init.get(a, 64, 768);
        float bound = (float) LoraInit.kaimingUniformBound(Math.sqrt(5), 768);
        double sum = 0, sq = 0, max = 0;
        for (float v : t.toArray()) {
            sum += v;
            sq += (double) v * v;
            max = Math.max(max, Math.abs(v));
        }
        int count = t.numel();
        assertTrue(max <= bound && max > 0.99 * bound, "values within ±" + bound + ", reaching it: " + max);
        assertEquals(0, sum / count, 0.02 * bound, "mean");
        assertEquals(bound * bound / 3.0, sq / count, 0.02 * bound * bound / 3.0, "variance of U(−b, b) is b²/3");
        assertArrayEquals(t.toArray(), new LoraInit((name, shape) -> Tensor.zeros(shape), 11).get(a, 64, 768).toArray(), "seeded");
        assertNotEquals(t.get(0, 0), init.get(a.replace("query", "value"), 64, 768).get(0, 0), "each factor its own stream");
        for (float v : init.get("x" + LoraInit.B_SUFFIX, 768, 64).toArray()) assertEquals(0f, v);
    }

    /** A fresh LoRA model (B = 0) computes exactly its base's logits. */
    @Test
    void freshLoraStartsAsItsBase() throws Exception {
        Backend be = Backends.byName("simd");
        Path dir = SafetensorsFixture.resource("/fixtures/" + FIXTURE);
        var base = SafetensorsFixture.read(dir.resolve("model.safetensors")).floats;
        BertConfig config = BertConfig.load(dir.resolve("config.json"));
        var plain = new BertForSequenceClassification(config, new MapWeights(base, "base"), be);
        var lora = new BertForSequenceClassification(config, new LoraInit(new MapWeights(base, "base"), 3), be,
                new LoraConfig(8, 16, 0.1f, List.of("query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense")));
        assertEquals(plain.parameters().size() + 2 * 6 * config.numHiddenLayers(), lora.parameters().size());
        Batch batch = fixtureBatch(expected());
        assertArrayEquals(plain.predict(batch, null).toArray(), lora.predict(batch, null).toArray());
    }
}
