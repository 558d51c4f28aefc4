package hifi.engine.train;

import hifi.engine.backend.Backends;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.data.TrainingExample;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.testing.SyntheticTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    final List<TrainingExample> train = SyntheticTask.examples(160, 1);
    final List<TrainingExample> dev = SyntheticTask.examples(60, 2);

    static BertForSequenceClassification model(float dropout) {
        return model(dropout, "simd");
    }

    static BertForSequenceClassification model(float dropout, String backend) {
        return SyntheticTask.model(SyntheticTask.config(dropout), 7, Backends.byName(backend));
    }

    static BertForSequenceClassification model(float dropout, String backend, int threads) {
        return SyntheticTask.model(SyntheticTask.config(dropout), 7, Backends.byName(backend, threads));
    }

    static TrainerConfig.Builder config() {
        return TrainerConfig.builder().epochs(4).batchSize(16).learningRate(2e-3f).seed(3);
    }

    @Test
    void lossDecreasesAndTheTaskIsLearned() {
        BertForSequenceClassification m = model(0.1f);
        TrainResult r = new Trainer<>(m, Trainable.all(2, 4), config().epochs(6).learningRate(5e-3f).build()).train(train, SyntheticTask.accuracy(dev), null);
        assertEquals(60, r.steps());
        double first = mean(r.losses().subList(0, 5)), last = mean(r.losses().subList(55, 60));
        assertTrue(last < first - 0.2, "loss " + first + " → " + last);
        assertTrue(r.bestMetric() >= 0.8, "dev accuracy " + r.bestMetric());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void sameSeedGivesTheSameLossCurveAndWeightsForAnyThreadCount(String backend) {
        BertForSequenceClassification a = model(0.1f, backend, 1);
        TrainResult ra = new Trainer<>(a, Trainable.all(2, 4), config().lengthGrouped(true).build()).train(train, null, null);
        BertForSequenceClassification b = model(0.1f, backend, 2);
        TrainResult rb = new Trainer<>(b, Trainable.all(2, 4), config().lengthGrouped(true).build()).train(train, null, null);
        assertEquals(ra.losses(), rb.losses());
        assertWeightsEqual(a, b);
        TrainResult rc = new Trainer<>(model(0.1f, backend), Trainable.all(2, 4), config().seed(4).build()).train(train, null, null);
        assertTrue(!ra.losses().equals(rc.losses()), "another seed, another curve");
    }

    @Test
    void accumulatingTwoHalfBatchesAveragesLikeOneFullBatch() {
        // Without dropout, batches of 16 and 2 × 8 accumulated hold the same examples (the order depends only on the
        // seed), so the averaged gradient and the mean loss agree up to float rounding.
        List<Double> normsFull = new ArrayList<>(), normsAccumulated = new ArrayList<>();
        TrainResult full = new Trainer<>(model(0f), Trainable.all(2, 4), config().epochs(1).build()).train(train, null, normListener(normsFull));
        TrainResult acc = new Trainer<>(model(0f), Trainable.all(2, 4), config().epochs(1).batchSize(8).gradientAccumulation(2).build())
                .train(train, null, normListener(normsAccumulated));
        assertEquals(10, full.steps());
        assertEquals(10, acc.steps());
        assertEquals(full.losses().get(0), acc.losses().get(0), 1e-5);
        for (int i = 0; i < 3; i++) assertEquals(normsFull.get(i), normsAccumulated.get(i), 1e-4 * normsFull.get(i), "update " + i);
    }

    @Test
    void nonFiniteLossStopsNamingTheStepAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) {
        BertForSequenceClassification m = model(0.1f);
        Parameter classifier = m.parameters().stream().filter(p -> p.name().equals("classifier.weight")).findFirst().orElseThrow();
        TrainingListener poison = new TrainingListener() {
            @Override
            public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
                if (step == 5) classifier.value().set(Float.NaN, 0, 0);
            }
        };
        TrainerConfig c = config().checkpointDir(dir).checkpointEverySteps(4).build();
        var e = assertThrows(TrainingDivergedException.class, () -> new Trainer<>(m, Trainable.all(2, 4), c).train(train, null, poison));
        assertEquals(6, e.step());
        assertTrue(e.getMessage().contains("step 6") && e.getMessage().contains("loss is NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("(step 4)"), e.getMessage());
        assertEquals(Checkpoint.file(dir), e.lastGoodCheckpoint());
        assertTrue(Files.isRegularFile(e.lastGoodCheckpoint()));
    }

    @Test
    void infiniteGradientStopsNamingTheStep() {
        // One huge classifier weight keeps the loss finite (|pooled| < 1) but overflows the pooler's weight gradient.
        BertForSequenceClassification m = model(0.1f);
        Parameter classifier = m.parameters().stream().filter(p -> p.name().equals("classifier.weight")).findFirst().orElseThrow();
        TrainingListener poison = new TrainingListener() {
            @Override
            public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
                if (step == 2) classifier.value().set(3e38f, 0, 0);
            }
        };
        var e = assertThrows(TrainingDivergedException.class, () -> new Trainer<>(m, Trainable.all(2, 4), config().build()).train(train, null, poison));
        assertEquals(3, e.step());
        assertTrue(e.getMessage().contains("step 3: gradient norm is Infinity"), e.getMessage());
        assertTrue(e.getMessage().contains("no checkpoint was written"), e.getMessage());
    }

    @Test
    void earlyStoppingKeepsTheBestWeights() {
        BertForSequenceClassification m = model(0.1f);
        double[] script = {0.5, 0.7, 0.6, 0.65, 0.9};
        List<float[]> seen = new ArrayList<>();
        Evaluator<BertForSequenceClassification> scripted = model -> {
            seen.add(model.parameters().getLast().value().toArray()); // classifier.bias
            return script[seen.size() - 1];
        };
        TrainResult r = new Trainer<>(m, Trainable.all(2, 4), config().evalEverySteps(1).patience(2).build()).train(train, scripted, null);
        assertTrue(r.stoppedEarly());
        assertEquals(4, r.steps());
        assertEquals(0.7, r.bestMetric());
        assertEquals(2, r.bestStep());
        assertArrayEquals(seen.get(1), m.parameters().getLast().value().toArray(), "the best weights are restored");
    }

    @Test
    void resumeAfterACrashReproducesTheUninterruptedRun(@TempDir Path tmp) {
        TrainerConfig.Builder c = config().epochs(2).evalEverySteps(3).checkpointEverySteps(3);
        Trainable heads = Trainable.builder(2, 4).head(0, 1).head(1, 2).group(BertParameterGroups.CLASSIFIER).build();
        BertForSequenceClassification straight = model(0.1f);
        TrainResult rs = new Trainer<>(straight, heads, c.checkpointDir(tmp.resolve("a")).build()).train(train, SyntheticTask.accuracy(dev), null);

        BertForSequenceClassification crashed = model(0.1f);
        TrainingListener crash = new TrainingListener() {
            @Override
            public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
                if (step == 14) throw new IllegalStateException("simulated crash");
            }
        };
        Path b = tmp.resolve("b");
        assertThrows(IllegalStateException.class, () -> new Trainer<>(crashed, heads, c.checkpointDir(b).build()).train(train, SyntheticTask.accuracy(dev), crash));
        BertForSequenceClassification resumed = model(0.1f);
        TrainResult rr = new Trainer<>(resumed, heads, c.checkpointDir(b).resume(true).build()).train(train, SyntheticTask.accuracy(dev), null);
        assertEquals(rs.losses(), rr.losses());
        assertEquals(rs.evaluations(), rr.evaluations());
        assertWeightsEqual(straight, resumed);

        var refused = assertThrows(IllegalArgumentException.class, () -> new Trainer<>(model(0.1f), heads,
                c.checkpointDir(b).resume(true).learningRate(1e-3f).build()).train(train, null, null));
        assertTrue(refused.getMessage().contains("learning_rate"), refused.getMessage());
        Trainable otherHeads = Trainable.builder(2, 4).head(0, 0).group(BertParameterGroups.CLASSIFIER).build();
        var wrongSet = assertThrows(IllegalArgumentException.class, () -> new Trainer<>(model(0.1f), otherHeads,
                c.checkpointDir(b).resume(true).learningRate(2e-3f).build()).train(train, null, null));
        assertTrue(wrongSet.getMessage().contains("another trainable set"), wrongSet.getMessage());
        var otherData = assertThrows(IllegalArgumentException.class, () -> new Trainer<>(model(0.1f), heads,
                c.checkpointDir(b).resume(true).build()).train(SyntheticTask.examples(160, 9), null, null));
        assertTrue(otherData.getMessage().contains("training data differ"), otherData.getMessage());
    }

    static TrainingListener normListener(List<Double> norms) {
        return new TrainingListener() {
            @Override
            public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
                norms.add(gradNorm);
            }
        };
    }

    static void assertWeightsEqual(BertForSequenceClassification a, BertForSequenceClassification b) {
        List<Parameter> pa = a.parameters(), pb = b.parameters();
        for (int i = 0; i < pa.size(); i++) assertArrayEquals(pa.get(i).value().toArray(), pb.get(i).value().toArray(), pa.get(i).name());
    }

    static double mean(List<Float> xs) {
        return xs.stream().mapToDouble(Float::doubleValue).average().orElseThrow();
    }
}
