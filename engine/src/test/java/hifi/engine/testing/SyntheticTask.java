package hifi.engine.testing;

import hifi.engine.backend.Backend;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.Batch;
import hifi.engine.data.TrainingExample;
import hifi.engine.train.Evaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny random BERT and an easy synthetic task for trainer tests: token sequences of length 3..12 over a 40-token
 * vocabulary; label 1 sequences draw their tokens from {@code 2..20}, label 0 sequences from {@code 21..39}.
 */
public final class SyntheticTask {
    public static final int VOCAB = 40;

    private SyntheticTask() {
    }

    /** 2 layers, 4 heads of size 4, hidden 16, FFN 32, two labels; dropout {@code dropout}. */
    public static BertConfig config(float dropout) {
        return new BertConfig(VOCAB, 16, 2, 4, 32, "gelu", dropout, dropout, 16, 2, 1e-12f, 0,
                List.of("LABEL_0", "LABEL_1"), "single_label_classification");
    }

    public static BertForSequenceClassification model(BertConfig config, long seed, Backend backend) {
        return BertForSequenceClassification.random(config, seed, backend);
    }

    /** {@code n} examples drawn with {@code seed}. */
    public static List<TrainingExample> examples(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 3 + r.nextInt(10);
            int[] ids = new int[len];
            ids[0] = 1; // [CLS]-like marker
            int label = r.nextInt(2);
            for (int t = 1; t < len; t++) ids[t] = label == 1 ? 2 + r.nextInt(19) : 21 + r.nextInt(VOCAB - 21);
            out.add(TrainingExample.classification(ids, null, label));
        }
        return out;
    }

    /** Accuracy on {@code dev}, in eval mode. */
    public static Evaluator<BertForSequenceClassification> accuracy(List<TrainingExample> dev) {
        return model -> {
            int[] all = new int[dev.size()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            Batch b = Batch.collate(dev, all, model.config().padTokenId(), false);
            var pass = model.forward(b, false, 0, null);
            int correct = 0;
            for (int i = 0; i < dev.size(); i++) {
                int pred = pass.logits().get(i, 1) > pass.logits().get(i, 0) ? 1 : 0;
                if (pred == dev.get(i).label()) correct++;
            }
            return correct / (double) dev.size();
        };
    }
}
