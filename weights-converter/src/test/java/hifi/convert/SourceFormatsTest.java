package hifi.convert;

import hifi.convert.model.ConvertedModel;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static hifi.convert.Fixtures.fixture;
import static hifi.convert.Fixtures.tensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One tiny BERT, saved by PyTorch in every source format (scripts/make_fixtures.py; its values are exact in fp16 and
 * bf16): every conversion must give the same model.safetensors, byte for byte, and the ONNX export (transposed,
 * anonymous weights) must give the same tensors as torch's own state dict.
 */
class SourceFormatsTest {
    @TempDir
    Path dir;

    private Path convert(String source) throws IOException {
        Path out = dir.resolve("out-" + source.replace('/', '-'));
        Converter.convert(fixture(source), out, false);
        return out;
    }

    @Test
    void everyHfFormatGivesTheSameBytes() throws IOException {
        byte[] reference = Files.readAllBytes(convert("tiny-pt").resolve(ModelDirectory.WEIGHTS));
        for (String source : List.of("tiny-st", "tiny-st-f16", "tiny-sharded-bf16", "tiny-st/model.safetensors",
                "tiny-pt/pytorch_model.bin", "tiny-sharded-bf16/model.safetensors.index.json")) {
            assertArrayEquals(reference, Files.readAllBytes(convert(source).resolve(ModelDirectory.WEIGHTS)), source);
        }
    }

    @Test
    void torchCheckpointKeepsPoolerAndMlmHeadUnderHfNames() throws IOException {
        Path out = convert("tiny-pt");
        ModelDirectory m = ModelDirectory.open(out);
        Map<String, Object> config = m.config();
        assertEquals(true, config.get("has_pooler"));
        assertEquals(true, config.get("has_mlm_head"));
        assertEquals(2L, config.get("num_attention_heads"));
        assertEquals(16L, config.get("intermediate_size"));
        assertEquals("pytorch-bin", config.get("converted_from"));
        assertTrue(m.doLowerCase());
        assertEquals(16, m.modelMaxLength());
        assertEquals(30, m.vocab().size());
        assertEquals("café", m.vocab().get(24));
        try (SafetensorsFile f = m.openWeights()) {
            assertEquals(5 + 2 * 16 + 2 + 5, f.names().size());
            assertTrue(f.contains("cls.predictions.bias"));
            assertTrue(f.contains("cls.predictions.transform.LayerNorm.weight"));
            assertFalse(f.contains("cls.predictions.decoder.weight"), "the tied decoder is the word embedding table");
            assertFalse(f.contains("embeddings.position_ids"));
            assertArrayEquals(new long[] {16, 8}, f.info("encoder.layer.1.intermediate.dense.weight").shape());
        }
    }

    @Test
    void onnxExportMatchesTheTorchStateDictExactly() throws IOException {
        Map<String, float[]> torch = tensors(convert("tiny-pt").resolve(ModelDirectory.WEIGHTS));
        Path onnxOut = convert("tiny-onnx");
        Map<String, float[]> onnx = tensors(onnxOut.resolve(ModelDirectory.WEIGHTS));
        assertEquals(5 + 2 * 16, onnx.size(), "embeddings + 2 layers, no pooler, no MLM head");
        for (Map.Entry<String, float[]> e : onnx.entrySet()) {
            assertArrayEquals(torch.get(e.getKey()), e.getValue(), e.getKey());
        }
        Map<String, Object> config = ModelDirectory.open(onnxOut).config();
        assertEquals(false, config.get("has_pooler"));
        assertEquals(false, config.get("has_mlm_head"));
        assertEquals(2L, config.get("num_attention_heads"), "heads read from the graph's Reshape constants");
        assertEquals(1e-12, (Double) config.get("layer_norm_eps"), 0.0);
        assertEquals("onnx", config.get("converted_from"));
    }

    @Test
    void convertedModelReportsWhatItHolds() throws IOException {
        ConvertedModel m = Converter.convert(fixture("tiny-st-f16"), dir.resolve("m"), false);
        assertEquals(44, m.tensors().size());
        assertEquals(8, m.dims().hiddenSize());
        assertEquals(4, m.dims().headSize());
        assertTrue(m.hasPooler());
    }
}
