package hifi.engine.bert;

import hifi.engine.backend.PassScope;
import hifi.engine.backend.ReferenceBackend;
import hifi.engine.data.Batch;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;
import hifi.engine.tornado.ParityDevice;
import hifi.engine.tornado.TornadoBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole tiny-BERT training step on the TornadoVM device against the {@link ReferenceBackend}: the engine's fixtures
 * ({@code /fixtures/tiny-bert-*}, made by {@code make_bert_fixtures.py}), forward, loss and every parameter gradient,
 * in eval mode (also checked against PyTorch's numbers in the fixture) and in train mode with dropout (the device
 * draws the same CounterRng masks, so the two runs compute the same function). In this package to reuse the engine's
 * fixture loader ({@link TinyBert}). The same for LoRA ({@code tiny-bert-lora}, factors and task head trainable).
 *
 * <p>Tolerances are {@code BertFixtureTest}'s: logits and loss within 1e-5 absolute, gradients within 1e-4 relative
 * ({@code ‖g − g_ref‖ / ‖g_ref‖}); the device sums in float like PyTorch does, over at most a few hundred terms.
 */
class TornadoBertParityTest {
    private static TornadoBackend device;

    @BeforeAll
    static void openDevice() {
        device = ParityDevice.open();
    }

    @AfterAll
    static void closeDevice() {
        System.out.println("device transfers: " + device.transfers());
        device.close();
    }

    @ParameterizedTest(name = "{0}, train mode {1}, in a pass {2}")
    @CsvSource({"tiny-bert-classification, false, false", "tiny-bert-classification, true, false",
            "tiny-bert-regression, false, false", "tiny-bert-regression, true, false",
            "tiny-bert-classification, false, true", "tiny-bert-classification, true, true",
            "tiny-bert-regression, false, true", "tiny-bert-regression, true, true"})
    void trainingStepMatchesReference(String fixture, boolean train, boolean inPass) throws Exception {
        TinyBert ref = TinyBert.load(fixture, new ReferenceBackend());
        TinyBert dev = TinyBert.load(fixture, device);
        Trainable all = Trainable.all(ref.config.numHiddenLayers(), ref.config.numAttentionHeads());
        Gradients gRef = ref.model.allocateGradients(all);
        Gradients gDev = dev.model.allocateGradients(all);   // outside the pass: gradients outlive it
        try (PassScope pass = inPass ? device.openPass() : PassScope.NONE) {
            stepAndCompare(fixture, train, ref, dev, gRef, gDev);
        }
        compareGradients(fixture, train, ref.model.parameters().size(), gRef, gDev);
    }

    /** Forward (logits and loss against the reference and, in eval mode, PyTorch) and backward. */
    private static void stepAndCompare(String fixture, boolean train, TinyBert ref, TinyBert dev, Gradients gRef, Gradients gDev) {
        long stepSeed = 20261126L;
        var refPass = ref.model.forward(ref.batch, train, stepSeed, null);
        var devPass = dev.model.forward(dev.batch, train, stepSeed, null);

        double logitsErr = maxAbsDiff(refPass.logits(), devPass.logits());
        assertTrue(logitsErr <= 1e-5, "logits: max abs diff " + logitsErr);
        assertEquals(refPass.loss(), devPass.loss(), 1e-5, "loss");
        if (train) {
            double dropoutEffect = maxAbsDiff(dev.model.forward(dev.batch, false, stepSeed, null).logits(), devPass.logits());
            assertTrue(dropoutEffect > 1e-4, "train mode must differ from eval mode (dropout active), differs by " + dropoutEffect);
        } else {
            double torchErr = maxAbsDiff(dev.expected.tensor("logits"), devPass.logits());
            assertTrue(torchErr <= 1e-5, "logits vs PyTorch: max abs diff " + torchErr);
            assertEquals(dev.expected.tensor("loss").get(0), devPass.loss(), 1e-5, "loss vs PyTorch");
        }

        ref.model.backward(refPass, gRef);
        dev.model.backward(devPass, gDev);
        System.out.printf(Locale.ROOT, "%s train=%s on %s: logits max abs diff %.2e, loss diff %.2e%n",
                fixture, train, device.name(), logitsErr, Math.abs(refPass.loss() - devPass.loss()));
    }

    /**
     * LoRA: the {@code tiny-bert-lora} fixture (LoRA written directly in PyTorch on query, value, both output
     * projections and the intermediate projection; see {@link LoraTest}) with only the LoRA factors and the task head
     * trainable. In eval mode also against PyTorch's logits, loss and gradients; in train mode the LoRA branches' own
     * dropout draws the same masks on both backends. {@link LoraTest}'s tolerances.
     */
    @ParameterizedTest(name = "LoRA, train mode {0}, in a pass {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void loraStepMatches(boolean train, boolean inPass) throws Exception {
        SafetensorsFixture ex = LoraTest.expected();
        Batch batch = LoraTest.fixtureBatch(ex);
        BertForSequenceClassification ref = LoraTest.fixtureModel(LoraTest.FIXTURE_LORA, new ReferenceBackend());
        BertForSequenceClassification dev = LoraTest.fixtureModel(LoraTest.FIXTURE_LORA, device);
        Gradients gRef = ref.allocateGradients(LoraTest.loraAndHead(ref.config()));
        Gradients gDev = dev.allocateGradients(LoraTest.loraAndHead(dev.config()));   // outside the pass: they outlive it
        long seed = 20261207L;
        try (PassScope pass = inPass ? device.openPass() : PassScope.NONE) {
            var refPass = ref.forward(batch, train, seed, null);
            var devPass = dev.forward(batch, train, seed, null);
            BertFixtureTest.assertClose("logits vs reference", refPass.logits(), devPass.logits(), 1e-5);
            assertEquals(refPass.loss(), devPass.loss(), 1e-5, "loss vs reference");
            if (train) {
                double effect = maxAbsDiff(dev.forward(batch, false, seed, null).logits(), devPass.logits());
                assertTrue(effect > 1e-4, "train mode must differ from eval mode (dropout active), differs by " + effect);
            } else {
                BertFixtureTest.assertClose("logits vs PyTorch", ex.tensor("logits"), devPass.logits(), 1e-5);
                assertEquals(ex.tensor("loss").get(0), devPass.loss(), 1e-5, "loss vs PyTorch");
            }
            ref.backward(refPass, gRef);
            dev.backward(devPass, gDev);
        }
        assertEquals(24, gDev.slices().size(), "2 layers × 5 targeted projections × (A, B) + classifier and pooler weight and bias");
        double worst = 0;
        for (int i = 0; i < gDev.slices().size(); i++) {
            Gradients.Slice r = gRef.slices().get(i), d = gDev.slices().get(i);
            String name = d.parameter().name();
            assertEquals(r.parameter().name(), name, "same parameter order");
            double rel = BertFixtureTest.relativeError(r.grad(), d.grad());
            assertTrue(rel <= 1e-4, name + ": relative gradient error vs reference " + rel);
            if (!train) {
                double torch = BertFixtureTest.relativeError(ex.tensor("grad." + name), d.grad());
                assertTrue(torch <= 1e-4, name + ": relative gradient error vs PyTorch " + torch);
                rel = Math.max(rel, torch);
            }
            worst = Math.max(worst, rel);
        }
        System.out.printf(Locale.ROOT, "LoRA on %s, train=%s, pass=%s: worst gradient relative error %.2e%n",
                device.name(), train, inPass, worst);
    }

    @Test
    void listenerReadsEveryLayersContextFromAResidentPass() throws Exception {
        TinyBert ref = TinyBert.load("tiny-bert-classification", new ReferenceBackend());
        TinyBert dev = TinyBert.load("tiny-bert-classification", device);
        List<float[]> want = new ArrayList<>(), got = new ArrayList<>();
        ref.model.predict(ref.batch, (layer, context, mask) -> want.add(context.toArray()));
        try (PassScope pass = device.openPass()) {
            dev.model.predict(dev.batch, (layer, context, mask) -> got.add(context.toArray()));
        }
        assertEquals(ref.config.numHiddenLayers(), got.size(), "one context per layer");
        for (int l = 0; l < want.size(); l++) {
            float[] w = want.get(l), g = got.get(l);
            double err = 0;
            for (int i = 0; i < w.length; i++) err = Math.max(err, Math.abs((double) w[i] - g[i]));
            assertTrue(err <= 1e-5, "layer " + l + " context: max abs diff " + err);
        }
    }

    /** Every parameter gradient against the reference (read after the pass closed: they are heap tensors). */
    private static void compareGradients(String fixture, boolean train, int parameters, Gradients gRef, Gradients gDev) {
        assertEquals(gRef.slices().size(), gDev.slices().size(), "one gradient per parameter");
        assertEquals(parameters, gDev.slices().size(), "every parameter has a gradient");
        double worst = 0;
        String worstName = "";
        for (int i = 0; i < gRef.slices().size(); i++) {
            Gradients.Slice r = gRef.slices().get(i), d = gDev.slices().get(i);
            String name = d.parameter().name();
            assertEquals(r.parameter().name(), name, "same parameter order");
            if (name.endsWith("attention.self.key.bias")) {
                // Analytically zero (softmax ignores a per-row constant): both sides hold rounding noise only.
                assertTrue(BertFixtureTest.norm(d.grad()) < 1e-5, name + ": key-bias gradient should vanish, norm " + BertFixtureTest.norm(d.grad()));
                continue;
            }
            double rel = BertFixtureTest.relativeError(r.grad(), d.grad());
            if (rel > worst) {
                worst = rel;
                worstName = name;
            }
            assertTrue(rel <= 1e-4, name + ": relative gradient error " + rel + " > 1e-4");
        }
        System.out.printf(Locale.ROOT, "%s train=%s: worst gradient relative error %.2e (%s), %d gradients%n",
                fixture, train, worst, worstName, gDev.slices().size());
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toArray(), y = b.toArray();
        assertEquals(x.length, y.length, "element count");
        double m = 0;
        for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs((double) x[i] - y[i]));
        return m;
    }
}
