package hifi.engine.bert;

import hifi.engine.backend.Backends;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central finite differences of the loss against the analytic gradient, on the element with the largest gradient of a
 * handful of parameters, in train mode (dropout masks are a pure function of the seed, so the loss is a fixed
 * function of the weights and the dropout backward is checked too). Reference backend: its ops accumulate in double,
 * so the float32 loss is accurate to ~1e-7 relative; with h = 1e-2 the central difference's truncation error
 * (~h²·f''') and rounding error (~1e-7/h) stay below 1e-4 for these O(1) losses, well inside the 0.5 % + 2e-4 bound (measured: ≤ 3e-4 relative).
 */
class FiniteDifferenceTest {

    static final List<String> CHECKED = List.of(
            "bert.embeddings.word_embeddings.weight", "bert.embeddings.token_type_embeddings.weight",
            "bert.embeddings.LayerNorm.weight",
            "bert.encoder.layer.0.attention.self.query.weight", "bert.encoder.layer.0.attention.self.key.weight",
            "bert.encoder.layer.0.attention.self.value.bias", "bert.encoder.layer.0.attention.output.dense.weight",
            "bert.encoder.layer.0.intermediate.dense.weight", "bert.encoder.layer.1.output.dense.weight",
            "bert.encoder.layer.1.output.LayerNorm.bias", "bert.pooler.dense.weight", "classifier.weight");

    @ParameterizedTest
    @ValueSource(strings = {"tiny-bert-classification", "tiny-bert-regression"})
    void analyticGradientMatchesFiniteDifferences(String fixture) throws Exception {
        TinyBert tb = TinyBert.load(fixture, Backends.byName("reference"));
        long seed = 12345;
        Gradients g = tb.model.allocateGradients(Trainable.all(tb.config.numHiddenLayers(), tb.config.numAttentionHeads()));
        tb.model.backward(tb.model.forward(tb.batch, true, seed, null), g);
        float h = 1e-2f;
        double worst = 0;
        for (String name : CHECKED) {
            Parameter p = tb.model.parameters().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
            float[] grad = g.whole(name).toArray();
            int at = argMaxAbs(grad);
            Tensor flat = p.value().view(p.value().numel());
            float saved = flat.get(at);
            flat.set(saved + h, at);
            double up = tb.model.forward(tb.batch, true, seed, null).loss();
            flat.set(saved - h, at);
            double down = tb.model.forward(tb.batch, true, seed, null).loss();
            flat.set(saved, at);
            double fd = (up - down) / (2 * h);
            double err = Math.abs(fd - grad[at]);
            worst = Math.max(worst, err / Math.abs(grad[at]));
            assertTrue(err <= 2e-4 + 5e-3 * Math.abs(grad[at]),
                    fixture + " " + name + "[" + at + "]: analytic " + grad[at] + ", finite difference " + fd);
        }
        System.out.printf("%s: worst finite-difference relative error %.2e%n", fixture, worst);
    }

    static int argMaxAbs(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best])) best = i;
        return best;
    }
}
