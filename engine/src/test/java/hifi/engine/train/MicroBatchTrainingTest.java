package hifi.engine.train;

import hifi.engine.backend.PassScope;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.Batch;
import hifi.engine.data.TrainingExample;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable.Range;
import hifi.engine.param.Trainable;
import hifi.engine.testing.SyntheticTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MicroBatchTrainingTest {
    final List<TrainingExample> train = SyntheticTask.examples(96, 1);
    final Trainable heads = Trainable.builder(2, 4).head(0, 1).head(1, 2).head(1, 3).build();

    static TrainerConfig.Builder config() {
        return TrainerConfig.builder().epochs(2).batchSize(16).learningRate(2e-3f).seed(3);
    }

    @Test
    void splitsIntoContiguousNonEmptyPartsThatDifferByAtMostOne() {
        int[] batch = {9, 8, 7, 6, 5, 4, 3};
        int[][] parts = MicroBatches.split(batch, 3);
        assertArrayEquals(new int[][]{{9, 8}, {7, 6}, {5, 4, 3}}, parts);
        assertArrayEquals(new int[][]{{1}, {2}}, MicroBatches.split(new int[]{1, 2}, 4), "never an empty part");
        assertArrayEquals(new int[][]{{9, 8, 7, 6, 5, 4, 3}}, MicroBatches.split(batch, 1));
        assertEquals(2f / 7, MicroBatches.weight(2, 7));
        assertNotEquals(MicroBatches.seed(3, 5, 0), MicroBatches.seed(3, 5, 1), "each part has its own dropout masks");
        assertThrows(IllegalArgumentException.class, () -> MicroBatches.split(batch, 0));
    }

    @Test
    void microBatchesComputedOnSeparateModelCopiesTrainLikeInProcessAccumulation() {
        // A distributed executor computes each part on its own copy of the model, into its own gradient storage, with
        // the trained slices copied in: that must give the in-process accumulation's weights bit for bit.
        BertForSequenceClassification local = TrainerTest.model(0.1f);
        TrainResult a = new Trainer<>(local, heads, config().microBatches(3).build()).train(train, null, null);
        BertForSequenceClassification driver = TrainerTest.model(0.1f);
        TrainResult b = new Trainer<>(driver, heads, config().microBatches(3).build(), new CopiesExecutor()).train(train, null, null);
        assertEquals(a.losses(), b.losses());
        TrainerTest.assertWeightsEqual(local, driver);
        assertEquals(12, a.steps());
    }

    @Test
    void withoutDropoutMicroBatchesApproximateTheWholeBatch() {
        // Independent reference: the whole batch's gradient, up to float rounding (unequal parts: 16 = 6 + 5 + 5).
        List<Double> whole = new ArrayList<>(), parts = new ArrayList<>();
        TrainResult w = new Trainer<>(TrainerTest.model(0f), heads, config().epochs(1).build()).train(train, null, TrainerTest.normListener(whole));
        TrainResult p = new Trainer<>(TrainerTest.model(0f), heads, config().epochs(1).microBatches(3).build()).train(train, null, TrainerTest.normListener(parts));
        for (int i = 0; i < 3; i++) {
            assertEquals(w.losses().get(i), p.losses().get(i), 1e-5, "loss " + i);
            assertEquals(whole.get(i), parts.get(i), 1e-4 * whole.get(i), "norm " + i);
        }
    }

    /** Each part on a fresh model copy (the same initial weights), the trained slices copied in first. */
    final class CopiesExecutor implements MicroBatchExecutor {
        @Override
        public void run(List<Batch> microBatches, long[] stepSeeds, Gradients trained, Gradients scratch, Sink sink) {
            for (int j = 0; j < microBatches.size(); j++) {
                BertForSequenceClassification copy = TrainerTest.model(0.1f);
                Map<String, List<Range>> layout = new LinkedHashMap<>();
                for (Gradients.Slice s : trained.slices()) layout.computeIfAbsent(s.parameter().name(), k -> new ArrayList<>()).add(s.range());
                Gradients own = Gradients.allocate(copy.parameters(), layout, copy.backend());
                for (int i = 0; i < own.slices().size(); i++) copy.backend().copy(trained.slices().get(i).value(), own.slices().get(i).value());
                float loss;
                try (PassScope pass = copy.backend().openPass()) {
                    loss = copy.trainStep(microBatches.get(j), stepSeeds[j], own);
                }
                for (int i = 0; i < own.slices().size(); i++) copy.backend().copy(own.slices().get(i).grad(), scratch.slices().get(i).grad());
                sink.accept(j, loss, scratch);
            }
        }
    }
}
