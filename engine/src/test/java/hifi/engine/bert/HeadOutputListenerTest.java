package hifi.engine.bert;

import hifi.engine.backend.Backends;
import hifi.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The listener sees each layer's pre-{@code W_O} context, in layer order, equal to PyTorch's. */
class HeadOutputListenerTest {

    @Test
    void seesEveryLayersContextInOrder() throws Exception {
        TinyBert tb = TinyBert.load("tiny-bert-classification", Backends.byName("simd"));
        List<Integer> layers = new ArrayList<>();
        List<Tensor> contexts = new ArrayList<>();
        tb.model.forward(tb.batch, false, 0, (layer, context, mask) -> {
            layers.add(layer);
            contexts.add(context.copy());
            assertArrayEquals(tb.batch.attentionMask(), mask);
            assertArrayEquals(new int[] {tb.batch.batch(), tb.batch.seqLen(), tb.config.hiddenSize()}, context.shape());
        });
        assertEquals(List.of(0, 1), layers);
        // predict() (no caches kept) reports the same contexts and gives the same logits as a training-capable forward.
        List<Tensor> again = new ArrayList<>();
        Tensor logits = tb.model.predict(tb.batch, (layer, context, mask) -> again.add(context.copy()));
        assertArrayEquals(tb.model.forward(tb.batch, false, 0, null).logits().toArray(), logits.toArray());
        for (int l = 0; l < 2; l++) assertArrayEquals(contexts.get(l).toArray(), again.get(l).toArray());
        for (int l = 0; l < 2; l++) {
            BertFixtureTest.assertClose("layer " + l + " context", tb.expected.tensor("act.layer." + l + ".context"), contexts.get(l), 1e-5);
        }
    }
}
