package hifi.engine.bert;

import hifi.engine.backend.Backends;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Train-mode dropout is a pure function of the step seed; eval mode ignores the seed. */
class DropoutReproducibilityTest {

    @Test
    void sameSeedSameStepOtherSeedOtherStep() throws Exception {
        TinyBert tb = TinyBert.load("tiny-bert-classification", Backends.byName("simd"));
        Trainable all = Trainable.all(tb.config.numHiddenLayers(), tb.config.numAttentionHeads());
        float[] a = step(tb, all, 7, true), b = step(tb, all, 7, true), c = step(tb, all, 8, true);
        assertArrayEquals(a, b, "same seed, same logits and gradients");
        assertFalse(java.util.Arrays.equals(a, c), "another seed drops other units");
        float[] e1 = step(tb, all, 7, false), e2 = step(tb, all, 8, false);
        assertArrayEquals(e1, e2, "eval mode does not depend on the seed");
        assertFalse(java.util.Arrays.equals(a, e1), "train mode drops units");
    }

    /** Logits followed by the first layer's query-weight gradient. */
    private static float[] step(TinyBert tb, Trainable t, long seed, boolean train) {
        Gradients g = tb.model.allocateGradients(t);
        var pass = tb.model.forward(tb.batch, train, seed, null);
        tb.model.backward(pass, g);
        float[] logits = pass.logits().toArray(), grad = g.whole("bert.encoder.layer.0.attention.self.query.weight").toArray();
        float[] out = java.util.Arrays.copyOf(logits, logits.length + grad.length);
        System.arraycopy(grad, 0, out, logits.length, grad.length);
        assertEquals(logits.length + grad.length, out.length);
        return out;
    }
}
