package hifi.engine.bert;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.data.Batch;
import hifi.engine.nn.PassContext;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against PyTorch: the tiny-BERT fixtures of {@code make_bert_fixtures.py} (eval mode, padded batch, both
 * token types). Logits and loss within 1e-5 absolute; every parameter gradient within 1e-4 relative
 * ({@code ‖g − g_ref‖ / ‖g_ref‖}), the tolerances: fp32 sums over at most a few hundred terms, so both sides
 * agree to ~1e-6 relative and these bounds leave an order of magnitude of headroom.
 */
class BertFixtureTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"tiny-bert-classification, reference", "tiny-bert-classification, simd",
            "tiny-bert-regression, reference", "tiny-bert-regression, simd"})
    void matchesPyTorch(String fixture, String backend) throws Exception {
        Backend be = Backends.byName(backend);
        TinyBert tb = TinyBert.load(fixture, be);
        // Intermediate activations first, every token of every layer: a failure here points at the module to blame.
        var full = tb.model.bert().forward(PassContext.eval(be, null), tb.batch);
        int last = tb.config.numHiddenLayers() - 1;
        for (int l = 0; l <= last; l++) {
            assertClose("layer " + l + " context", tb.expected.tensor("act.layer." + l + ".context"), full.layers().get(l).attention().context(), 1e-5);
            assertClose("layer " + l + " output", tb.expected.tensor("act.layer." + l + ".output"), full.layers().get(l).out(), 1e-5);
        }
        assertClose("pooled (all tokens)", tb.expected.tensor("act.pooled"), full.pooled(), 1e-5);

        // The classifier's pass carries only the [CLS] rows through the last layer.
        var pass = tb.model.forward(tb.batch, false, 0L, null);
        assertTrue(pass.bert().firstTokenOnly(), "classification pass computes the last layer for [CLS] only");
        assertClose("last layer [CLS] context", firstTokens(tb.expected.tensor("act.layer." + last + ".context"), tb.batch),
                pass.bert().layers().get(last).attention().context(), 1e-5);
        assertClose("last layer [CLS] output", firstTokens(tb.expected.tensor("act.layer." + last + ".output"), tb.batch),
                pass.bert().sequence(), 1e-5);
        assertClose("pooled", tb.expected.tensor("act.pooled"), pass.bert().pooled(), 1e-5);
        assertClose("logits", tb.expected.tensor("logits"), pass.logits(), 1e-5);
        assertEquals(tb.expected.tensor("loss").get(0), pass.loss(), 1e-5, "loss");

        Gradients g = tb.model.allocateGradients(Trainable.all(tb.config.numHiddenLayers(), tb.config.numAttentionHeads()));
        tb.model.backward(pass, g);
        assertEquals(tb.model.parameters().size(), g.slices().size(), "one gradient per parameter");
        double worst = 0;
        String worstName = "";
        for (Gradients.Slice s : g.slices()) {
            Tensor ref = tb.expected.tensor("grad." + s.parameter().name());
            if (s.parameter().name().endsWith("attention.self.key.bias")) {
                // Analytically zero: b_K adds q·b_K to every score of a query row, and softmax ignores a per-row
                // constant. Both sides hold rounding noise only, so a relative error is meaningless; bound the norms.
                assertTrue(norm(ref) < 1e-5 && norm(s.grad()) < 1e-5, s.parameter().name() + ": key-bias gradient should vanish, norms "
                        + norm(ref) + " (torch), " + norm(s.grad()) + " (ours)");
                continue;
            }
            double rel = relativeError(ref, s.grad());
            if (rel > worst) {
                worst = rel;
                worstName = s.parameter().name();
            }
            assertTrue(rel <= 1e-4, s.parameter().name() + ": relative gradient error " + rel + " > 1e-4");
        }
        System.out.printf("%s on %s: worst gradient relative error %.2e (%s)%n", fixture, backend, worst, worstName);
    }

    /** The [CLS] rows of a {@code [B, T, hidden]} (or {@code [B·T, hidden]}) reference activation. */
    static Tensor firstTokens(Tensor ref, Batch batch) {
        return ref.view(batch.batch(), batch.seqLen(), ref.dim(-1)).select(1, 0);
    }

    static double norm(Tensor t) {
        double s = 0;
        for (float v : t.toArray()) s += (double) v * v;
        return Math.sqrt(s);
    }

    static double relativeError(Tensor ref, Tensor got) {
        float[] r = ref.toArray(), g = got.toArray();
        assertEquals(r.length, g.length, "element count");
        double num = 0, den = 0;
        for (int i = 0; i < r.length; i++) {
            num += (double) (g[i] - r[i]) * (g[i] - r[i]);
            den += (double) r[i] * r[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-30);
    }

    static void assertClose(String what, Tensor ref, Tensor got, double tol) {
        float[] r = ref.toArray(), g = got.toArray();
        assertEquals(r.length, g.length, what + ": element count");
        double max = 0;
        int at = -1;
        for (int i = 0; i < r.length; i++) {
            double d = Math.abs(r[i] - g[i]);
            if (d > max) {
                max = d;
                at = i;
            }
        }
        assertTrue(max <= tol, what + ": max abs diff " + max + " at " + at + " (ref " + (at < 0 ? 0 : r[at]) + ", got " + (at < 0 ? 0 : g[at]) + ")");
    }
}
