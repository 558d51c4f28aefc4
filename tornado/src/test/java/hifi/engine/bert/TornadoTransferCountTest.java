package hifi.engine.bert;

import hifi.engine.backend.PassScope;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;
import hifi.engine.tornado.ParityDevice;
import hifi.engine.tornado.TornadoBackend;
import hifi.engine.tornado.TransferCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one tiny-BERT training step (forward and backward, dropout on, every parameter trainable) moves over the bus,
 * inside a pass (resident) and outside one (every op moves its operands and its result), against the step's
 * <b>edges</b>: up, every device weight and parameter gradient once, the three embedding lookups, the attention mask
 * and the loss gradient; down, every parameter gradient once, the logits and the embedding-output gradient.
 *
 * <p>Bounds asserted for the resident pass: download bytes ≤ the down edges (device→host copies are exact ranges);
 * upload bytes ≤ 2 × the up edges + 528 B per launch + 320 B per chain slot and execution (a host→device copy goes
 * through a power-of-two staging array of at least 64 floats, so it moves at most twice its payload or 256 B; a
 * staging launch uploads its 256-byte descriptor and 16 bytes of scalars; a chain execution uploads a descriptor and
 * 32 bytes of scalars for every slot, used or not). And the resident pass moves fewer bytes each way than the per-op
 * run of the same step.
 */
class TornadoTransferCountTest {
    private static final long SEED = 20261126L;
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
    void linearOutsideAPassMovesItsOperandsAndItsOutput() {
        Tensor x = Tensor.zeros(5, 7), w = Tensor.zeros(3, 7), b = Tensor.zeros(3), y = Tensor.zeros(5, 3);
        TransferCounter t = device.transfers();
        t.reset();
        device.linear(x, w, b, y);
        assertEquals(1, t.downloads(), "one result down");
        assertEquals(4L * 5 * 3, t.downloadBytes(), "exactly y [5, 3] down");
        assertTrue(t.uploadBytes() >= 4L * (5 * 7 + 3 * 7 + 3 + 5 * 3), "x, W, b and y up: " + t);
    }

    @Test
    void residentTrainingStepMovesOnlyItsEdges() throws Exception {
        Counts perOp = step(false), resident = step(true);
        TinyBert m = TinyBert.load("tiny-bert-classification", device);
        Gradients grads = m.model.allocateGradients(Trainable.all(m.config.numHiddenLayers(), m.config.numAttentionHeads()));
        long deviceWeights = 0, gradients = 0;
        for (Parameter p : m.model.parameters()) {
            if (!p.name().endsWith("_embeddings.weight")) deviceWeights += 4L * p.value().numel();
        }
        for (Gradients.Slice s : grads.slices()) gradients += 4L * s.grad().numel();
        long tokens = (long) m.batch.batch() * m.batch.seqLen(), hidden = m.config.hiddenSize();
        long logits = 4L * m.batch.batch() * m.config.numLabels();
        long edgeUp = deviceWeights + gradients + 3 * 4 * tokens * hidden + 4 * tokens + logits;
        long edgeDown = gradients + logits + 4 * tokens * hidden;
        System.out.printf(Locale.ROOT, "tiny-BERT training step: per-op %s; resident %s (%d launches); edges %.3f MB up, %.3f MB down%n",
                perOp.text, resident.text, resident.launches, edgeUp / 1e6, edgeDown / 1e6);
        assertTrue(resident.down <= edgeDown, "resident: " + resident.down + " B down > the edges " + edgeDown);
        long descriptors = 528L * resident.launches + 320L * device.chainLength() * resident.executions;
        assertTrue(resident.up <= 2 * edgeUp + descriptors, "resident: " + resident.up + " B up > 2 × edges " + edgeUp + " + descriptors");
        assertTrue(resident.down >= gradients - 4L * (m.config.vocabSize() + m.config.maxPositionEmbeddings() + m.config.typeVocabSize()) * hidden,
                "every device-computed gradient comes back");
        assertTrue(resident.down < perOp.down && resident.up < perOp.up, "resident " + resident.text + " vs per-op " + perOp.text);
    }

    private record Counts(long up, long down, long launches, long executions, String text) {
    }

    /** One training step of the classification fixture, inside a pass or not; the gradients are allocated before. */
    private static Counts step(boolean inPass) throws Exception {
        TinyBert dev = TinyBert.load("tiny-bert-classification", device);
        Gradients grads = dev.model.allocateGradients(Trainable.all(dev.config.numHiddenLayers(), dev.config.numAttentionHeads()));
        TransferCounter t = device.transfers();
        t.reset();
        try (PassScope pass = inPass ? device.openPass() : PassScope.NONE) {
            var fwd = dev.model.forward(dev.batch, true, SEED, null);
            dev.model.backward(fwd, grads);
        }
        return new Counts(t.uploadBytes(), t.downloadBytes(), t.launches(), t.executions(), t.toString());
    }
}
