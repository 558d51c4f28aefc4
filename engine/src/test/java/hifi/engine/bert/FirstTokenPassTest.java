package hifi.engine.bert;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.nn.HeadOutputListener;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classifier's pass, which carries only the [CLS] rows through the last layer, against the pass that carries every
 * token (forced by a head-output listener): same logits, loss and gradients of every parameter. In eval mode the two
 * compute the same sums for the [CLS] rows, so they agree to the last bits; the bound 1e-6 only allows GEMM blocking to
 * differ between the shapes.
 */
class FirstTokenPassTest {
    private static final HeadOutputListener EVERY_TOKEN = (layer, context, mask) -> { };

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"tiny-bert-classification, reference", "tiny-bert-classification, simd",
            "tiny-bert-regression, reference", "tiny-bert-regression, simd"})
    void sameLogitsLossAndGradientsAsTheEveryTokenPass(String fixture, String backend) throws Exception {
        Backend be = Backends.byName(backend);
        TinyBert tb = TinyBert.load(fixture, be);
        Trainable all = Trainable.all(tb.config.numHiddenLayers(), tb.config.numAttentionHeads());

        var cls = tb.model.forward(tb.batch, false, 0L, null);
        var every = tb.model.forward(tb.batch, false, 0L, EVERY_TOKEN);
        assertTrue(cls.bert().firstTokenOnly());
        assertFalse(every.bert().firstTokenOnly());
        BertFixtureTest.assertClose("logits", every.logits(), cls.logits(), 1e-6);
        assertEquals(every.loss(), cls.loss(), 1e-6, "loss");
        BertFixtureTest.assertClose("predict", every.logits(), tb.model.predict(tb.batch, null), 1e-6);

        Gradients gCls = tb.model.allocateGradients(all), gEvery = tb.model.allocateGradients(all);
        tb.model.backward(cls, gCls);
        tb.model.backward(every, gEvery);
        for (Gradients.Slice s : gEvery.slices()) {
            var mine = gCls.whole(s.parameter().name());
            if (s.parameter().name().endsWith("attention.self.key.bias")) continue; // analytically zero: rounding noise only
            double rel = BertFixtureTest.relativeError(s.grad(), mine);
            assertTrue(rel <= 1e-6, s.parameter().name() + ": relative difference " + rel);
        }
    }
}
