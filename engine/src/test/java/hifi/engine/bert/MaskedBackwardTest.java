package hifi.engine.bert;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.backend.CountingBackend;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Per-head gradient masks: a masked backward gives, bit for bit, the full backward's gradients restricted to the
 * trainable slices, and performs exactly the GEMM work those slices (and the input gradients they need) require.
 */
class MaskedBackwardTest {
    static final long SEED = 99;

    static Trainable.Builder builder(TinyBert tb) {
        return Trainable.builder(tb.config.numHiddenLayers(), tb.config.numAttentionHeads());
    }

    /** Masks that exercise different stopping points and slice shapes. */
    static List<Trainable> masks(TinyBert tb) {
        List<Trainable> m = new ArrayList<>();
        m.add(builder(tb).head(0, 1).head(0, 2).head(1, 3).group(BertParameterGroups.CLASSIFIER).group(BertParameterGroups.POOLER).build());
        m.add(builder(tb).head(1, 0).head(1, 2).headBiases(false).headOutput(false).group(BertParameterGroups.CLASSIFIER).build());
        m.add(builder(tb).head(0, 3).build());
        m.add(builder(tb).group(BertParameterGroups.BIASES).build());
        m.add(builder(tb).group(BertParameterGroups.LAYER_NORMS).group(BertParameterGroups.FFN).build());
        m.add(builder(tb).group(BertParameterGroups.EMBEDDINGS).layer(1).build());
        m.add(builder(tb).group(BertParameterGroups.tensor("classifier.weight")).build());
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void maskedEqualsFullRestrictedBitForBit(String backend) throws Exception {
        Backend be = Backends.byName(backend);
        TinyBert tb = TinyBert.load("tiny-bert-classification", be);
        var pass = tb.model.forward(tb.batch, true, SEED, null); // train mode: dropout on
        Gradients full = tb.model.allocateGradients(Trainable.all(tb.config.numHiddenLayers(), tb.config.numAttentionHeads()));
        tb.model.backward(pass, full);
        for (Trainable t : masks(tb)) {
            Gradients masked = tb.model.allocateGradients(t);
            tb.model.backward(tb.model.forward(tb.batch, true, SEED, null), masked);
            for (Gradients.Slice s : masked.slices()) {
                Tensor ref = full.whole(s.parameter().name()).narrow(s.range().dim(), s.range().start(), s.range().length());
                assertArrayEquals(ref.toArray(), s.grad().toArray(), t + ": " + s.label());
            }
        }
    }

    @Test
    void sliceLayoutFollowsTheHeadAnatomy() throws Exception {
        TinyBert tb = TinyBert.load("tiny-bert-classification", Backends.byName("reference"));
        Trainable t = builder(tb).head(0, 1).head(0, 2).head(1, 3).build();
        List<String> labels = tb.model.allocateGradients(t).slices().stream().map(Gradients.Slice::label).toList();
        String l0 = "bert.encoder.layer.0.attention.", l1 = "bert.encoder.layer.1.attention.";
        assertEquals(List.of(
                l0 + "self.query.weight[rows 8..23]", l0 + "self.query.bias[rows 8..23]",
                l0 + "self.key.weight[rows 8..23]", l0 + "self.key.bias[rows 8..23]",
                l0 + "self.value.weight[rows 8..23]", l0 + "self.value.bias[rows 8..23]",
                l0 + "output.dense.weight[cols 8..23]",
                l1 + "self.query.weight[rows 24..31]", l1 + "self.query.bias[rows 24..31]",
                l1 + "self.key.weight[rows 24..31]", l1 + "self.key.bias[rows 24..31]",
                l1 + "self.value.weight[rows 24..31]", l1 + "self.value.bias[rows 24..31]",
                l1 + "output.dense.weight[cols 24..31]"), labels);
    }

    /**
     * Tiny-model sizes: N tokens, hidden d, intermediate f, heads H, head size dh, batch B, length T, labels C. The
     * classifier's pass carries only the [CLS] rows through the last layer ({@code firstToken}): there the queries,
     * W_O and the FFN see B rows instead of N, while keys and values still see all N.
     */
    record Dims(long n, long d, long f, long heads, long dh, long b, long t, long c) {
        static long linear(long rows, long out, long in) {
            return 2 * rows * out * in;
        }

        /** The attention core backward for {@code h} heads and {@code tq} queries per sequence: dP, dV, dQ, dK. */
        long attentionCore(long h, long tq) {
            return 4 * 2 * b * h * tq * t * dh;
        }

        /** A layer that only passes the gradient down (no trainable parameter): FFN, W_O, all heads, Q/K/V inputs. */
        long passThroughLayer(boolean firstToken) {
            long nq = firstToken ? b : n;
            return 2 * linear(nq, d, f) + linear(nq, d, d) + attentionCore(heads, firstToken ? 1 : t) + linear(nq, d, d) + 2 * linear(n, d, d);
        }

        /** The top of a layer whose only trainable parameters are one head (Q/K/V rows, biases, W_O columns). */
        long oneHeadLayer(boolean needInput, boolean firstToken) {
            long nq = firstToken ? b : n, tq = firstToken ? 1 : t;
            long flops = 2 * linear(nq, d, f);                 // dF·W2 and dPre·W1 to reach h1
            flops += linear(nq, d, dh);                        // dW_O columns of the head
            if (needInput) {
                flops += linear(nq, d, d) + attentionCore(heads, tq) + linear(nq, d, d) + 2 * linear(n, d, d);
            } else {
                flops += linear(nq, dh, d) + attentionCore(1, tq); // dContext of the head only, its attention core
            }
            flops += linear(nq, dh, d) + 2 * linear(n, dh, d); // dW_Q, dW_K, dW_V row blocks
            return flops;
        }

        long head(boolean pooler) {
            long flops = 2 * b * c * d * 2;              // classifier dW and dPooled
            flops += 2 * b * d * d * (pooler ? 2 : 1);   // pooler dX (and dW)
            return flops;
        }
    }

    @Test
    void frozenWeightGradientsAreNeverComputed() throws Exception {
        CountingBackend be = new CountingBackend(Backends.byName("reference"));
        TinyBert tb = TinyBert.load("tiny-bert-classification", be);
        BertConfig c = tb.config;
        Dims dims = new Dims(tb.batch.tokens(), c.hiddenSize(), c.intermediateSize(), c.numAttentionHeads(), c.headSize(),
                tb.batch.batch(), tb.batch.seqLen(), c.numLabels());

        // One head in the top layer: layer 0 is never touched, layer 1 differentiates one head and no input.
        Trainable top = builder(tb).head(1, 2).group(BertParameterGroups.CLASSIFIER).group(BertParameterGroups.POOLER).build();
        assertEquals(dims.head(true) + dims.oneHeadLayer(false, true), backwardFlops(tb, be, top), "head (1, 2)");

        // One head in the bottom layer: layer 1 passes the gradient through, layer 0 needs no input gradient.
        Trainable bottom = builder(tb).head(0, 1).group(BertParameterGroups.CLASSIFIER).build();
        assertEquals(dims.head(false) + dims.passThroughLayer(true) + dims.oneHeadLayer(false, false), backwardFlops(tb, be, bottom), "head (0, 1)");

        // Classifier only: two GEMMs.
        Trainable probe = builder(tb).group(BertParameterGroups.CLASSIFIER).build();
        assertEquals(2 * dims.b() * dims.c() * dims.d(), backwardFlops(tb, be, probe), "classifier only");
    }

    private static long backwardFlops(TinyBert tb, CountingBackend be, Trainable t) {
        Gradients g = tb.model.allocateGradients(t);
        var pass = tb.model.forward(tb.batch, true, SEED, null);
        be.reset();
        tb.model.backward(pass, g);
        return be.gemmFlops();
    }

    /** SGD on the slices changes the selected rows/columns and leaves every other weight bit-identical. */
    @Test
    void updatingSlicesLeavesFrozenWeightsBitIdentical() throws Exception {
        Backend be = Backends.byName("simd");
        TinyBert tb = TinyBert.load("tiny-bert-classification", be);
        List<float[]> before = tb.model.parameters().stream().map(p -> p.value().toArray()).toList();
        Gradients g = tb.model.allocateGradients(builder(tb).head(1, 2).group(BertParameterGroups.CLASSIFIER).build());
        for (int step = 0; step < 3; step++) {
            g.zero(be);
            tb.model.backward(tb.model.forward(tb.batch, true, step, null), g);
            for (Gradients.Slice s : g.slices()) be.axpy(-0.1f, s.grad(), s.value());
        }
        int dh = tb.config.headSize(), d = tb.config.hiddenSize();
        for (int i = 0; i < before.size(); i++) {
            var p = tb.model.parameters().get(i);
            float[] now = p.value().toArray(), was = before.get(i);
            for (int e = 0; e < now.length; e++) {
                int row = p.value().rank() == 2 ? e / p.value().dim(1) : e, col = p.value().rank() == 2 ? e % p.value().dim(1) : e;
                boolean inHead = p.layer() == 1 && (p.headAxis() == 0 ? row / dh == 2 : p.headAxis() == 1 && col / dh == 2);
                boolean trainable = inHead || p.name().startsWith("classifier.");
                if (!trainable) assertEquals(Float.floatToRawIntBits(was[e]), Float.floatToRawIntBits(now[e]), p.name() + "[" + e + "] changed");
            }
            if (p.name().equals("bert.encoder.layer.1.attention.self.query.weight")) {
                float[] rows = Arrays.copyOfRange(now, 2 * dh * d, 3 * dh * d), old = Arrays.copyOfRange(was, 2 * dh * d, 3 * dh * d);
                assertFalse(Arrays.equals(rows, old), "head 2's query rows moved");
            }
        }
    }

    @Test
    void gradientStorageCoversOnlyTrainableSlices() throws Exception {
        TinyBert tb = TinyBert.load("tiny-bert-classification", Backends.byName("reference"));
        BertConfig c = tb.config;
        long d = c.hiddenSize(), dh = c.headSize();
        Gradients g = tb.model.allocateGradients(builder(tb).head(0, 0).head(1, 1).head(1, 3).build());
        assertEquals(3 * (3 * (dh * d + dh) + d * dh), g.count(), "3 heads × (Q/K/V rows + biases + W_O columns)");
        long all = Arrays.stream(tb.model.parameters().toArray(new hifi.engine.param.Parameter[0])).mapToLong(p -> p.value().numel()).sum();
        assertEquals(all, tb.model.allocateGradients(Trainable.all(c.numHiddenLayers(), c.numAttentionHeads())).count());
    }
}
