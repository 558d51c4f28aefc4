package hifi.method.methods;

import hifi.engine.bert.BertConfig;
import hifi.engine.nn.LoraConfig;
import hifi.method.scoring.HeadId;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trainable-parameter counts on BERT-base and BERT-large shapes (no weights allocated) against the closed-form budget of
 * docs/method.md#111-counting-trainable-parameters, and peft's summary line character for character.
 */
class MethodsTest {
    static BertConfig base() {
        return new BertConfig(30522, 768, 12, 12, 3072, "gelu", 0.1f, 0.1f, 512, 2, 1e-12f, 0, List.of("a", "b"), null);
    }

    static BertConfig large() {
        return new BertConfig(30522, 1024, 24, 16, 4096, "gelu", 0.1f, 0.1f, 512, 2, 1e-12f, 0, List.of("a", "b"), null);
    }

    /** {@code k} heads per layer (heads 0..k−1 of every layer). */
    static boolean[][] firstHeads(BertConfig c, int k) {
        boolean[][] m = new boolean[c.numHiddenLayers()][c.numAttentionHeads()];
        for (boolean[] row : m) Arrays.fill(row, 0, k, true);
        return m;
    }

    static ParameterCounts counts(BertConfig c, MethodSpec s) {
        return ParameterCounts.of(c, s.trainable(c));
    }

    @Test
    void peftLineForHifiOnBertBase() {
        BertConfig c = base();
        assertEquals("trainable params: 2,953,730 || all params: 109,483,778 || trainable%: 2.6979",
                counts(c, MethodSpec.hifi(firstHeads(c, 1))).peftLine());
        assertEquals("trainable params: 2,363,138 || all params: 109,483,778 || trainable%: 2.1584",
                counts(c, MethodSpec.hifi(firstHeads(c, 1)).withPooler(false)).peftLine());
    }

    @Test
    void budgetTableOfSection10_1() {
        BertConfig c = base();
        long[] withOutput = {2_361_600, 4_723_200, 7_084_800, 9_446_400};
        for (int k = 1; k <= 4; k++) {
            ParameterCounts n = counts(c, MethodSpec.hifi(firstHeads(c, k)));
            assertEquals(109_482_240L, n.bertModel());
            assertEquals(withOutput[k - 1], n.trainable() - n.taskHead(), "k=" + k);
            assertEquals(590_592 + 1_538, n.taskHead());
        }
        ParameterCounts noO = counts(c, MethodSpec.hifi(firstHeads(c, 1)).withTrainOutput(false));
        assertEquals(1_771_776, noO.trainable() - noO.taskHead());
        assertEquals(2.157, counts(c, MethodSpec.hifi(firstHeads(c, 1))).encoderPercent(), 5e-4);

        BertConfig l = large();
        ParameterCounts lk1 = counts(l, MethodSpec.hifi(firstHeads(l, 1)));
        assertEquals(335_141_888L, lk1.bertModel());
        assertEquals(6_296_064, lk1.trainable() - lk1.taskHead());
        assertEquals(1.879, lk1.encoderPercent(), 5e-4);
        assertEquals(1_049_600 + 2 * 1024 + 2, lk1.taskHead());
    }

    /**
     * LoRA counts from the closed form {@code r·(in + out)} per targeted projection; peft's "all params" also counts
     * the original classifier and pooler that its {@code modules_to_save} wrappers keep beside the trained copies.
     */
    @Test
    void loraCountsAndPeftLineOnBertBase() {
        BertConfig c = base();
        ParameterCounts qv = ParameterCounts.of(c, MethodSpec.lora(MethodSpec.loraConfig(8, 16, 0.1, "query,value")).trainable(c),
                MethodSpec.loraConfig(8, 16, 0.1, "query,value"));
        long factors = 12L * 2 * 8 * (768 + 768);
        assertEquals(294_912, factors);
        assertEquals(factors + 590_592 + 1_538, qv.trainable());
        assertEquals(109_483_778L + factors, qv.all());
        assertEquals(590_592 + 1_538, qv.savedCopies());
        assertEquals(109_482_240L, qv.bertModel(), "the factors are not part of BertModel's count");
        assertEquals("trainable params: 887,042 || all params: 110,370,820 || trainable%: 0.8037", qv.peftLine());
        assertEquals(100.0 * factors / 109_482_240L, qv.encoderPercent(), 1e-12);

        LoraConfig every = MethodSpec.loraConfig(8, 16, 0.1, "query,key,value,attention.output.dense,intermediate.dense,output.dense");
        ParameterCounts all = ParameterCounts.of(c, MethodSpec.lora(every).trainable(c), every);
        assertEquals(12L * (4 * 8 * (768 + 768) + 2 * 8 * (768 + 3072)) + 590_592 + 1_538, all.trainable());
        // output.dense alone already takes both output projections (peft's suffix rule)
        LoraConfig out = MethodSpec.loraConfig(8, 16, 0.1, "output.dense");
        assertEquals(12L * 8 * ((768 + 768) + (3072 + 768)), ParameterCounts.of(c, MethodSpec.lora(out).trainable(c), out).trainable() - 590_592 - 1_538);
        // r = 64 on query and value matches HiFi k = 1's encoder budget (2,361,600): 2,359,296
        LoraConfig r64 = MethodSpec.loraConfig(64, 128, 0.1, "query,value");
        assertEquals(2_359_296, ParameterCounts.of(c, MethodSpec.lora(r64).trainable(c), r64).trainable() - 590_592 - 1_538);
    }

    @Test
    void loraSettingsAreCheckedByFlag() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MethodSpec.loraConfig(8, 16, 0.1, "query,dense")).getMessage()
                .contains("--lora-targets: unknown module \"dense\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MethodSpec.loraConfig(0, 16, 0.1, "query")).getMessage().contains("--lora-r"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MethodSpec.loraConfig(8, 16, 1.0, "query")).getMessage().contains("--lora-dropout"));
        assertThrows(IllegalArgumentException.class, () -> MethodSpec.of(Method.LORA));
        assertEquals(Method.LORA, Method.fromFlag("lora"));
    }

    @Test
    void baselines() {
        BertConfig c = base();
        ParameterCounts full = counts(c, MethodSpec.of(Method.FULL));
        assertEquals(full.all(), full.trainable());
        assertEquals(1_538, counts(c, MethodSpec.of(Method.LINEAR_PROBE)).trainable());
        // Every bias: embeddings LayerNorm, per layer Q/K/V (3·768), attention output + its LayerNorm (2·768), FFN
        // intermediate (3072), FFN output + its LayerNorm (2·768); the pooler; then the whole classifier.
        long biases = 768 + 12L * (3 * 768 + 2 * 768 + 3072 + 2 * 768) + 768;
        assertEquals(biases + 2 * 768 + 2, counts(c, MethodSpec.of(Method.BITFIT)).trainable());
    }

    @Test
    void randomHeadsDrawKPerLayerReproducibly() {
        BertConfig c = base();
        MethodSpec a = MethodSpec.randomHeads(c, 2, 7), b = MethodSpec.randomHeads(c, 2, 7), other = MethodSpec.randomHeads(c, 2, 8);
        assertEquals(a, b);
        assertFalse(a.equals(other));
        assertEquals(2, HeadMasks.perLayer(a.headMask()));
        assertEquals(4_723_200, counts(c, a).trainable() - counts(c, a).taskHead());
        // every head is drawn sometimes: the draw is not stuck on a subset
        boolean[] seen = new boolean[12];
        for (long seed = 0; seed < 40; seed++) for (HeadId h : HeadMasks.heads(HeadMasks.random(1, 12, 1, seed))) seen[h.head()] = true;
        for (boolean s : seen) assertTrue(s);
    }

    @Test
    void headMethodsNeedASelectionAndFlagsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new MethodSpec(Method.HIFI, null, true, true));
        assertThrows(IllegalArgumentException.class, () -> MethodSpec.hifi(new boolean[12][12]));
        var e = assertThrows(IllegalArgumentException.class, () -> Method.fromFlag("prefix-tuning"));
        assertTrue(e.getMessage().contains("hifi, full, bitfit, random-heads, info-only, corr-only, linear-probe"), e.getMessage());
        assertEquals(Method.CORR_ONLY, Method.fromFlag("corr-only"));
        boolean[][] sel = HeadMasks.of(List.of(new HeadId(0, 3), new HeadId(1, 0)), 2, 4);
        assertEquals(List.of(new HeadId(0, 3), new HeadId(1, 0)), HeadMasks.heads(sel));
        assertEquals(Method.INFO_ONLY, MethodSpec.ablation(Method.INFO_ONLY, sel).method());
    }
}
