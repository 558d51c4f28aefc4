package hifi.engine.train;

import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.data.TrainingExample;
import hifi.engine.param.Trainable;
import hifi.engine.tornado.ParityDevice;
import hifi.engine.tornado.TornadoBackend;
import hifi.engine.tornado.TransferCounter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host round trips of a training update at BERT-base's depth (12 layers of 12 heads; hidden 96 so that it runs on a
 * CPU OpenCL device; the number of launches does not depend on the width): with chains of 16 launches, the steady
 * state needs at most a tenth as many executions as launches, and exactly two downloads (the logits for the loss, the
 * gradient norm's block sums), for full fine-tuning and for HiFi k = 1.
 */
class TornadoBertDepthExecutionsTest {
    @Test
    void fullAndHifiUpdatesNeedFewRoundTrips() {
        BertConfig c = new BertConfig(64, 96, 12, 12, 384, "gelu", 0.1f, 0.1f, 32, 2, 1e-12f, 0, List.of("LABEL_0", "LABEL_1"),
                "single_label_classification");
        SplittableRandom r = new SplittableRandom(1);
        List<TrainingExample> data = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int[] ids = new int[16];
            for (int j = 0; j < ids.length; j++) ids[j] = 1 + r.nextInt(63);
            data.add(TrainingExample.classification(ids, null, r.nextInt(2)));
        }
        Trainable.Builder hifi = Trainable.builder(12, 12).group(BertParameterGroups.CLASSIFIER).group(BertParameterGroups.POOLER);
        for (int l = 0; l < 12; l++) hifi.head(l, l);
        for (Trainable trainable : List.of(Trainable.all(12, 12), hifi.build())) {
            try (TornadoBackend device = ParityDevice.open()) {
                BertForSequenceClassification m = BertForSequenceClassification.random(c, 7, device);
                TransferCounter t = device.transfers();
                List<String> steps = new ArrayList<>();
                List<long[]> counts = new ArrayList<>();
                t.reset();
                new Trainer<>(m, trainable, TrainerConfig.builder().epochs(1).batchSize(2).evalEachEpoch(false).seed(1).build())
                        .train(data, null, new TrainingListener() {
                            @Override
                            public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
                                steps.add(t.toString());
                                counts.add(new long[] {t.launches(), t.executions(), t.downloads()});
                                t.reset();
                            }
                        });
                System.out.println(trainable + ": " + steps);
                long[] last = counts.getLast();
                assertEquals(2, last[2], "downloads per update");
                if (device.chainLength() >= 16) assertTrue(10 * last[1] <= last[0], last[0] + " launches in " + last[1] + " executions");
            }
        }
    }
}
