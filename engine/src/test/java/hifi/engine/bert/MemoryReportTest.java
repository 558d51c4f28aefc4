package hifi.engine.bert;

import hifi.engine.backend.Backends;
import hifi.engine.param.Trainable;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The memory report counts exactly the cached activations and the gradient slices. */
class MemoryReportTest {

    @Test
    void countsCachedActivationsAndGradientSlices() throws Exception {
        TinyBert tb = TinyBert.load("tiny-bert-classification", Backends.byName("reference"));
        BertConfig c = tb.config;
        long n = tb.batch.tokens(), d = c.hiddenSize(), f = c.intermediateSize(), h = c.numAttentionHeads(), t = tb.batch.seqLen();
        long probs = tb.batch.batch() * h * t * t;
        // Q, K, V, context, probabilities; LN1 input + stats; h1; FFN pre-activation and activation; LN2 input + stats; output.
        long layerFloats = 4 * n * d + probs + (n * d + 2 * n) + n * d + 2 * n * f + (n * d + 2 * n) + n * d;
        // The last layer of a classifier's pass carries the [CLS] rows only (B of them); keys and values keep all N.
        long b = tb.batch.batch();
        long lastLayerFloats = 2 * n * d + 2 * b * d + b * h * t + (b * d + 2 * b) + b * d + 2 * b * f + (b * d + 2 * b) + b * d;

        var eval = tb.model.forward(tb.batch, false, 0, null);
        var g = tb.model.allocateGradients(Trainable.builder(c.numHiddenLayers(), c.numAttentionHeads()).head(1, 0).group(BertParameterGroups.CLASSIFIER).build());
        MemoryReport r = tb.model.memoryReport(eval, g);
        assertEquals(4 * layerFloats, r.activationBytes()[1]);
        assertEquals(4 * lastLayerFloats, r.activationBytes()[2]);
        long dh = c.headSize();
        assertEquals(4 * (3 * (dh * d + dh) + d * dh), r.gradientBytes()[2], "one head of layer 1");
        assertEquals(0, r.gradientBytes()[1], "layer 0 frozen");
        assertEquals(4 * (c.numLabels() * d + c.numLabels()), r.gradientBytes()[3], "classifier");

        // Train mode keeps nothing more: dropout masks and the dropped-out probabilities are regenerated from the seed.
        MemoryReport train = tb.model.memoryReport(tb.model.forward(tb.batch, true, 1, null), g);
        assertEquals(4 * layerFloats, train.activationBytes()[1]);
    }
}
