package hifi.bench;

import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.data.Batch;
import hifi.engine.param.Trainable;

import java.util.List;
import java.util.SplittableRandom;

/** The model shapes and inputs the end-to-end harnesses share: random-weight BERTs and random full-length batches. */
final class BenchModels {
    private BenchModels() {
    }

    /** BERT-base's vocabulary, positions and FFN ratio at the given depth and width, two labels. */
    static BertConfig bert(int layers, int hidden, int heads, float dropout) {
        return new BertConfig(30522, hidden, layers, heads, 4 * hidden, "gelu", dropout, dropout, 512, 2, 1e-12f, 0,
                List.of("LABEL_0", "LABEL_1"), null);
    }

    /** BERT-base (12 layers, hidden 768, 12 heads). */
    static BertConfig bertBase(float dropout) {
        return bert(12, 768, 12, dropout);
    }

    /**
     * HiFi with k = 1: head {@code l mod H} of each layer {@code l} (its Q/K/V rows and biases, its {@code W_O} columns)
     * plus pooler and classifier. Which head does not change the cost.
     */
    static Trainable hifiOneHeadPerLayer(BertConfig cfg) {
        Trainable.Builder b = Trainable.builder(cfg.numHiddenLayers(), cfg.numAttentionHeads()).group(BertParameterGroups.CLASSIFIER)
                .group(BertParameterGroups.POOLER).headBiases(true).headOutput(true);
        for (int l = 0; l < cfg.numHiddenLayers(); l++) b.head(l, l % cfg.numAttentionHeads());
        return b.build();
    }

    /** {@code b} sequences of {@code t} random tokens (no padding), the second half of each with token type 1. */
    static Batch randomBatch(BertConfig cfg, int b, int t, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] ids = new int[b][t], types = new int[b][t];
        int[] labels = new int[b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                ids[i][j] = 1 + r.nextInt(cfg.vocabSize() - 1);
                types[i][j] = j < t / 2 ? 0 : 1;
            }
            labels[i] = r.nextInt(2);
        }
        return Batch.pad(ids, types, cfg.padTokenId(), labels, null);
    }
}
