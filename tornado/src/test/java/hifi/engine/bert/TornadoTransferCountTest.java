package hifi.engine.bert;

import hifi.engine.backend.PassScope;
import hifi.engine.nn.Parameter;
import hifi.engine.tensor.Tensor;
import hifi.engine.tornado.ParityDevice;
import hifi.engine.tornado.TornadoBackend;
import hifi.engine.tornado.TransferCounter;
import hifi.engine.train.Gradients;
import hifi.engine.train.Trainable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one tiny-BERT training step moves over the bus with the per-op backend, against the edges a resident backend
 * would be bounded by: every weight up once, the embeddings output and the mask up, the logits down and their
 * gradient up, every parameter gradient and the embeddings-output gradient down once. The numbers are printed for
 * the README; the assertions check that the counter sees every op: a single linear layer moves exactly its output
 * down (a closed form of its shape), and a whole step moves at least the edges each way.
 */
class TornadoTransferCountTest {
    private static TornadoBackend device;

    @BeforeAll
    static void openDevice() {
        device = ParityDevice.open();
    }

    @AfterAll
    static void closeDevice() {
        device.close();
    }

    @Test
    void linearMovesItsOperandsAndItsOutput() {
        Tensor x = Tensor.zeros(5, 7), w = Tensor.zeros(3, 7), b = Tensor.zeros(3), y = Tensor.zeros(5, 3);
        TransferCounter t = device.transfers();
        t.reset();
        device.linear(x, w, b, y);
        assertEquals(1, t.downloads(), "one result array down");
        assertEquals(4L * 5 * 3, t.downloadBytes(), "exactly y [5, 3] down");
        assertTrue(t.uploadBytes() >= 4L * (5 * 7 + 3 * 7 + 3), "x, W and b up: " + t);
    }

    @Test
    void trainingStepMovesAtLeastItsEdges() throws Exception {
        TinyBert dev = TinyBert.load("tiny-bert-classification", device);
        Trainable all = Trainable.all(dev.config.numHiddenLayers(), dev.config.numAttentionHeads());
        Gradients grads = dev.model.allocateGradients(all);
        TransferCounter t = device.transfers();
        t.reset();
        try (PassScope pass = device.openPass()) {
            var fwd = dev.model.forward(dev.batch, true, 20261126L, null);
            dev.model.backward(fwd, grads);
        }
        long weights = 0, deviceWeights = 0, gradients = 0;
        for (Parameter p : dev.model.parameters()) {
            weights += 4L * p.value().numel();
            if (!p.name().endsWith("_embeddings.weight")) deviceWeights += 4L * p.value().numel();
        }
        for (Gradients.Slice s : grads.slices()) gradients += 4L * s.grad().numel();
        int tokens = dev.batch.batch() * dev.batch.seqLen(), hidden = dev.config.hiddenSize();
        long logits = 4L * dev.batch.batch() * dev.config.numLabels();
        long edgeUp = weights + 4L * tokens * hidden + 4L * tokens + logits;
        long edgeDown = gradients + 4L * tokens * hidden + logits;
        System.out.printf(Locale.ROOT, "tiny-BERT training step, per-op transfers: %s; edges: %.3f MB up, %.3f MB down (%.1fx / %.1fx)%n",
                t, edgeUp / 1e6, edgeDown / 1e6, (double) t.uploadBytes() / edgeUp, (double) t.downloadBytes() / edgeDown);
        assertTrue(t.downloadBytes() >= gradients + logits, "every parameter gradient and the logits come down at least once: " + t);
        assertTrue(t.uploadBytes() >= deviceWeights, "every weight but the host-side embedding tables goes up at least once: " + t);
    }
}
