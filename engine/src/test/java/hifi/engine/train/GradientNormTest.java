package hifi.engine.train;

import hifi.engine.backend.Backends;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable;
import hifi.engine.testing.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The global norm against a direct double sum, independent of the thread count; the clipping factor's closed form. */
class GradientNormTest {
    @Test
    void globalNormIsExactAndThreadIndependent() {
        BertForSequenceClassification model = SyntheticTask.model(SyntheticTask.config(0f), 1, Backends.byName("simd"));
        Gradients g = model.allocateGradients(Trainable.all(2, 4));
        SplittableRandom r = new SplittableRandom(9);
        double direct = 0;
        for (Gradients.Slice s : g.slices()) {
            float[] d = s.grad().data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) r.nextGaussian();
                direct += (double) d[i] * d[i];
            }
        }
        int threads = model.backend().workers().threads();
        try {
            model.backend().workers().setThreads(1);
            double one = GradientNorm.global(model.backend(), g);
            model.backend().workers().setThreads(3);
            double three = GradientNorm.global(model.backend(), g);
            assertEquals(one, three, 0.0, "bit-identical for 1 and 3 threads");
            // only the grouping of the double sum differs from the direct sum
            assertEquals(Math.sqrt(direct), one, 1e-12 * Math.sqrt(direct));
        } finally {
            model.backend().workers().setThreads(threads);
        }
    }

    @Test
    void clipFactor() {
        assertEquals(1f, GradientNorm.clipFactor(0.5, 1.0));
        assertEquals(1f, GradientNorm.clipFactor(50, 0));
        assertEquals((float) (1.0 / (4.0 + 1e-6)), GradientNorm.clipFactor(4.0, 1.0));
    }
}
