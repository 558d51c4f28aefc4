package hifi.engine.bert;

import hifi.engine.backend.PassScope;
import hifi.engine.backend.ReferenceBackend;
import hifi.engine.data.Batch;
import hifi.engine.param.Gradients;
import hifi.engine.tornado.ParityDevice;
import hifi.engine.tornado.TornadoBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LoRA on the TornadoVM device: the {@code tiny-bert-lora} fixture (LoRA written directly in PyTorch on query, value,
 * both output projections and the intermediate projection; see {@link LoraTest}) forward and backward with only the
 * LoRA factors and the task head trainable. In eval mode against PyTorch's logits, loss and gradients; in train mode
 * (the LoRA branches' own dropout and the model's) against the {@link ReferenceBackend}, which draws the same masks.
 * Tolerances are {@link LoraTest}'s: logits and loss 1e-5 absolute, gradients 1e-4 relative.
 */
class TornadoLoraParityTest {
    private static TornadoBackend device;

    @BeforeAll
    static void openDevice() {
        device = ParityDevice.open();
    }

    @AfterAll
    static void closeDevice() {
        device.close();
    }

    @ParameterizedTest(name = "train mode {0}, in a pass {1}")
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
                var evalPass = dev.forward(batch, false, seed, null);
                float[] a = evalPass.logits().toArray(), b = devPass.logits().toArray();
                double effect = 0;
                for (int i = 0; i < a.length; i++) effect = Math.max(effect, Math.abs((double) a[i] - b[i]));
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
}
