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
        for (int l = 0; l < 2; l++) {
            BertFixtureTest.assertClose("layer " + l + " context", tb.expected.tensor("act.layer." + l + ".context"), contexts.get(l), 1e-5);
        }
    }
}
