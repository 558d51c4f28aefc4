package hifi.engine.train;

import hifi.engine.backend.Backends;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AdamW against a double-precision transcription of torch's algorithm; state only for trainable slices. */
class AdamWTest {
    final BertForSequenceClassification model = SyntheticTask.model(SyntheticTask.config(0.1f), 3, Backends.byName("simd"));

    Trainable headsAndClassifier() {
        return Trainable.builder(2, 4).head(0, 1).head(0, 2).head(1, 3).group(BertParameterGroups.CLASSIFIER).build();
    }

    @Test
    void stateIsTwoFloatsPerTrainableParameter() {
        Gradients g = model.allocateGradients(headsAndClassifier());
        AdamW opt = new AdamW(g, AdamW.Settings.defaults(0.01f));
        // hidden 16, head size 4: per head Q/K/V rows 3·4·16 + biases 3·4 + W_O columns 16·4; classifier 2·16 + 2.
        long perHead = 3 * 4 * 16 + 3 * 4 + 16 * 4;
        long expected = 3 * perHead + 2 * 16 + 2;
        assertEquals(expected, g.count());
        assertEquals(2 * expected, opt.stateFloats());
        assertEquals(8 * expected, opt.stateBytes());
        Gradients full = model.allocateGradients(Trainable.all(2, 4));
        long all = model.parameters().stream().mapToLong(p -> p.value().numel()).sum();
        assertEquals(2 * all, new AdamW(full, AdamW.Settings.defaults(0)).stateFloats());
    }

    @Test
    void updateMatchesTorchAlgorithmInDouble() {
        Gradients g = model.allocateGradients(headsAndClassifier());
        float lr = 1e-2f, wd = 0.1f;
        AdamW opt = new AdamW(g, AdamW.Settings.defaults(wd));
        List<double[]> p = new ArrayList<>(), m = new ArrayList<>(), v = new ArrayList<>();
        for (Gradients.Slice s : g.slices()) {
            p.add(toDouble(s.value().toArray()));
            m.add(new double[s.grad().numel()]);
            v.add(new double[s.grad().numel()]);
        }
        SplittableRandom r = new SplittableRandom(5);
        float scale = 0.5f;
        for (int t = 1; t <= 4; t++) {
            for (int i = 0; i < g.slices().size(); i++) {
                Gradients.Slice s = g.slices().get(i);
                float[] gd = s.grad().data();
                for (int j = 0; j < gd.length; j++) gd[j] = (float) r.nextGaussian();
                boolean decay = !s.parameter().name().endsWith(".bias");
                double[] pi = p.get(i), mi = m.get(i), vi = v.get(i);
                for (int j = 0; j < pi.length; j++) {
                    double gj = gd[j] * (double) scale;
                    if (decay) pi[j] *= 1 - lr * (double) wd;
                    mi[j] = 0.9 * mi[j] + 0.1 * gj;
                    vi[j] = 0.999 * vi[j] + 0.001 * gj * gj;
                    double mHat = mi[j] / (1 - Math.pow(0.9, t)), vHat = vi[j] / (1 - Math.pow(0.999, t));
                    pi[j] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            }
            opt.step(model.backend(), lr, scale);
        }
        for (int i = 0; i < g.slices().size(); i++) {
            float[] got = g.slices().get(i).value().toArray();
            for (int j = 0; j < got.length; j++) {
                // float32 rounding of ~10 operations per step over 4 steps: a few ulps of the weight, |w| ≲ 0.1.
                assertEquals(p.get(i)[j], got[j], 2e-6, g.slices().get(i).label() + "[" + j + "]");
            }
        }
        assertEquals(4, opt.stepCount());
    }

    @Test
    void weightDecayOnlyOnWeightsAndFrozenParametersUntouched() {
        Gradients g = model.allocateGradients(headsAndClassifier());
        List<float[]> before = new ArrayList<>();
        for (Parameter prm : model.parameters()) before.add(prm.value().toArray());
        AdamW opt = new AdamW(g, AdamW.Settings.defaults(0.5f));
        g.zero(model.backend()); // zero gradients: only the decay acts
        opt.step(model.backend(), 0.1f, 1f);
        List<Parameter> params = model.parameters();
        for (int i = 0; i < params.size(); i++) {
            Parameter prm = params.get(i);
            float[] now = prm.value().toArray(), was = before.get(i);
            List<Gradients.Slice> slices = g.of(prm.name());
            Tensor expected = Tensor.of(was.clone(), prm.value().shape());
            for (Gradients.Slice s : slices) {
                Tensor view = expected.narrow(s.range().dim(), s.range().start(), s.range().length());
                float factor = prm.name().endsWith(".bias") ? 1f : 1f - 0.1f * 0.5f;
                float[] scaled = view.toArray();
                for (int j = 0; j < scaled.length; j++) scaled[j] *= factor;
                view.copyFrom(Tensor.of(scaled, view.shape()));
            }
            assertArrayEquals(expected.toArray(), now, prm.name());
        }
        assertTrue(AdamW.decays("classifier.weight"));
        assertFalse(AdamW.decays("bert.encoder.layer.0.attention.self.query.bias"));
        assertFalse(AdamW.decays("bert.embeddings.LayerNorm.weight"));
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
