package hifi.engine.bert;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.backend.PassScope;
import hifi.engine.data.Batch;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Recycled activation buffers change nothing: a training pass (dropout on) and an inference pass inside
 * {@link PassScope}s, after passes of other shapes have left their arrays dirty, give bit for bit the logits, loss and
 * gradients of the same passes with fresh zeroed tensors. This is what catches an {@code allocateOutput} whose tensor is
 * read before it is fully written.
 */
class PassScopeTest {
    private static final BertConfig CONFIG = new BertConfig(50, 64, 2, 4, 256, "gelu", 0.1f, 0.1f, 64, 2, 1e-12f, 0,
            List.of("a", "b"), null);

    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void recycledPassesMatchFreshOnes(String backend) {
        Backend be = Backends.byName(backend);
        BertForSequenceClassification model = BertForSequenceClassification.random(CONFIG, 3, be);
        Batch batch = batch(6, 23, 1);
        List<Trainable> masks = List.of(Trainable.all(2, 4),
                Trainable.builder(2, 4).head(0, 1).head(1, 2).group(BertParameterGroups.CLASSIFIER).build(),
                Trainable.builder(2, 4).head(1, 3).build());
        for (Trainable t : masks) {
            Gradients fresh = model.allocateGradients(t), recycled = model.allocateGradients(t);
            var reference = model.forward(batch, true, 5, null);
            model.backward(reference, fresh);
            float[] expectedLogits = model.predict(batch, null).toArray();
            for (int round = 0; round < 3; round++) {
                try (PassScope s = be.openPass()) { // dirty the pool with other (larger) shapes, whose arrays the next pass takes
                    model.backward(model.forward(batch(6 + round, 24 + 2 * round, 10 + round), true, 9, null), model.allocateGradients(t));
                }
                try (PassScope s = be.openPass()) {
                    var pass = model.forward(batch, true, 5, null);
                    assertEquals(reference.loss(), pass.loss(), 0f, "loss");
                    assertArrayEquals(reference.logits().toArray(), pass.logits().toArray(), "train logits");
                    recycled.zero(be);
                    model.backward(pass, recycled);
                }
                for (int i = 0; i < fresh.slices().size(); i++) {
                    Gradients.Slice s = fresh.slices().get(i);
                    assertArrayEquals(s.grad().toArray(), recycled.slices().get(i).grad().toArray(), t + " round " + round + ": " + s.label());
                }
                try (PassScope s = be.openPass()) {
                    assertArrayEquals(expectedLogits, model.predict(batch, null).toArray(), "inference logits");
                }
            }
        }
    }

    private static Batch batch(int b, int maxLen, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] ids = new int[b][], types = new int[b][];
        int[] labels = new int[b];
        for (int i = 0; i < b; i++) {
            int len = i == 0 ? maxLen : 2 + r.nextInt(maxLen - 1);
            ids[i] = new int[len];
            types[i] = new int[len];
            for (int j = 0; j < len; j++) {
                ids[i][j] = 1 + r.nextInt(CONFIG.vocabSize() - 1);
                types[i][j] = j < len / 2 ? 0 : 1;
            }
            labels[i] = r.nextInt(2);
        }
        return Batch.pad(ids, types, 0, labels, null);
    }
}
