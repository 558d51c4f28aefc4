package hifi.engine.train;

import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.TrainingExample;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.testing.SyntheticTask;
import hifi.engine.tornado.ParityDevice;
import hifi.engine.tornado.TornadoBackend;
import hifi.engine.tornado.TransferCounter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a training update moves over the bus once the run's weights, gradients and moments are resident
 * ({@code Backend.keepResident}, opened by the {@link Trainer}): after the first update, only the batch's edges go up
 * (token, position and type ids as floats, forward and backward; the attention mask; the loss gradient) plus each
 * launch's descriptor, and only the logits and the gradient norm's block sums come down. Before residency every
 * update sent all weights, gradients and moments up and the gradients and updated weights down. With chains of at
 * least 8 launches ({@code -Dhifi.tornado.chain}), an update takes at most a quarter as many executions as launches.
 */
class TornadoResidentTrainingTest {
    private static final int BATCH = 16, STEPS = 4;

    @Test
    void afterTheFirstUpdateOnlyTheBatchCrossesTheBus() {
        List<TrainingExample> train = SyntheticTask.examples(BATCH * STEPS, 1);
        TrainerConfig config = TrainerConfig.builder().epochs(1).batchSize(BATCH).learningRate(2e-3f).seed(3).evalEachEpoch(false).build();
        // hidden 128, FFN 512: 1.6 MB of weights, far more than a batch's edges and descriptors
        BertConfig c = new BertConfig(SyntheticTask.VOCAB, 128, 2, 4, 512, "gelu", 0.1f, 0.1f, 16, 2, 1e-12f, 0,
                List.of("LABEL_0", "LABEL_1"), "single_label_classification");
        try (TornadoBackend device = ParityDevice.open()) {
            BertForSequenceClassification m = SyntheticTask.model(c, 7, device);
            long weights = 0;
            for (Parameter p : m.parameters()) weights += 4L * p.value().numel();
            TransferCounter t = device.transfers();
            List<long[]> steps = new ArrayList<>();
            t.reset();
            new Trainer<>(m, Trainable.all(c.numHiddenLayers(), c.numAttentionHeads()), config).train(train, null, new TrainingListener() {
                @Override
                public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
                    steps.add(new long[] {t.uploadBytes(), t.downloadBytes(), t.launches(), t.executions()});
                    t.reset();
                }
            });
            int tokens = BATCH * 12;   // the longest synthetic sequence
            for (int s = 1; s < steps.size(); s++) {
                long up = steps.get(s)[0], down = steps.get(s)[1], launches = steps.get(s)[2], executions = steps.get(s)[3];
                // edges up: 6 id arrays and the mask (tokens floats each), dLogits; each staged copy moves at most twice its
                // payload or 256 B; an execution sends a 256-byte descriptor and at most 32 bytes of scalars (+ headers) per
                // chain slot, used or not
                long edgesUp = 7L * 4 * tokens + 4L * BATCH * c.numLabels();
                long boundUp = 2 * edgesUp + 8 * 256 + 320L * device.chainLength() * executions;
                long boundDown = 4L * BATCH * c.numLabels() + 8L * m.parameters().size() + 4096;
                System.out.printf(Locale.ROOT, "update %d: %d B up (bound %d), %d B down (bound %d), %d launches in %d executions; weights %d B%n",
                        s + 1, up, boundUp, down, boundDown, launches, executions, weights);
                long payload = up - 320L * device.chainLength() * executions;   // what is not launch descriptors
                assertTrue(payload < weights / 8, "update " + (s + 1) + " sent " + up + " B up: weights went up again (" + weights + " B)");
                assertTrue(up <= boundUp, "update " + (s + 1) + ": " + up + " B up > " + boundUp);
                if (device.chainLength() >= 8) {
                    assertTrue(4 * executions <= launches, "update " + (s + 1) + ": " + launches + " launches took " + executions + " executions");
                }
                assertTrue(down <= boundDown, "update " + (s + 1) + ": " + down + " B down > " + boundDown);
            }
        }
    }
}
