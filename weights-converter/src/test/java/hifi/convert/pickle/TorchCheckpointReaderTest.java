package hifi.convert.pickle;

import hifi.convert.model.NamedTensor;
import hifi.convert.model.StateDict;
import hifi.engine.io.ModelFormatException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static hifi.convert.Fixtures.fixture;
import static hifi.convert.Fixtures.tensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** torch.save checkpoints (written by PyTorch 1.13, see scripts/make_fixtures.py) read through the safe unpickler. */
class TorchCheckpointReaderTest {
    @Test
    void dtypesStridesAndSharedStoragesMatchTorchsOwnValues() throws IOException {
        StateDict read = TorchCheckpointReader.read(fixture("mixed.bin"));
        Map<String, float[]> expected = tensors(fixture("mixed-expected.safetensors"));
        assertEquals(expected.keySet(), Map.copyOf(toMap(read)).keySet(), "int64 'ids' skipped, every float tensor read");
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), read.get(e.getKey()).values(), e.getKey());
        }
        assertArrayEquals(new int[] {5, 3}, read.get("transposed").shape(), "a transposed view keeps its logical shape");
        assertArrayEquals(new int[] {2, 2}, read.get("shared_tail").shape());
    }

    private static Map<String, float[]> toMap(StateDict d) {
        Map<String, float[]> m = new java.util.HashMap<>();
        for (NamedTensor t : d.tensors()) m.put(t.name(), t.values());
        return m;
    }

    @Test
    void hfStateDictReadsWithOriginalNames() throws IOException {
        StateDict read = TorchCheckpointReader.read(fixture("tiny-pt/pytorch_model.bin"));
        assertTrue(read.contains("bert.embeddings.word_embeddings.weight"));
        assertTrue(read.contains("cls.predictions.decoder.weight"));
        assertFalse(read.contains("bert.embeddings.position_ids"), "int64 buffers are not weights");
        assertArrayEquals(new int[] {8, 8}, read.get("bert.encoder.layer.0.attention.self.query.weight").shape());
    }

    @Test
    void forbiddenGlobalsAndOpcodesAreRefusedWithoutRunningAnything() {
        for (String[] c : new String[][] {{"evil-os-system.bin", "refusing global posix.system"},
                {"evil-eval-proto4.bin", "refusing global builtins.eval"},
                {"evil-inst-opcode.bin", "refusing pickle opcode"}}) {
            Path f = fixture(c[0]);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> TorchCheckpointReader.read(f));
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    @Test
    void handWrittenPicklesCoverTheRefusals() {
        Path f = Path.of("hand.pkl");
        // GLOBAL 'torch._utils _rebuild_tensor' (v1 is not on the allow-list)
        assertRefused(f, "ctorch._utils\n_rebuild_tensor\n.", "refusing global torch._utils._rebuild_tensor");
        // REDUCE on a string
        assertRefused(f, "\u0080\u0002X\u0001\u0000\u0000\u0000a)R.", "REDUCE on a String");
        // persistent id that is not a storage tuple
        assertRefused(f, "\u0080\u0002X\u0001\u0000\u0000\u0000aQ.", "persistent id must be");
        // truncated input
        assertRefused(f, "\u0080\u0002X\u00ff\u0000\u0000\u0000ab", "runs past the end");
        // STOP with an empty stack
        assertRefused(f, ".", "STOP with 0 values");
        // memo key never stored
        assertRefused(f, "h\u0005.", "memo key 5");
    }

    private static void assertRefused(Path f, String latin1, String fragment) {
        byte[] b = latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafeUnpickler.load(f, b));
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void allowedStateDictPickleLoads() {
        // {'w': _rebuild_tensor_v2(('storage', FloatStorage, '0', 'cpu', 4) as pid, 0, (2, 2), (2, 1), False, OrderedDict())}
        String p = "\u0080\u0002}q\u0000X\u0001\u0000\u0000\u0000wctorch._utils\n_rebuild_tensor_v2\n"
                + "((X\u0007\u0000\u0000\u0000storagectorch\nFloatStorage\nX\u0001\u0000\u0000\u00000X\u0003\u0000\u0000\u0000cpuK\u0004tQ"
                + "K\u0000K\u0002K\u0002\u0086K\u0002K\u0001\u0086\u0089ccollections\nOrderedDict\n)RtRs.";
        Object o = SafeUnpickler.load(Path.of("ok.pkl"), p.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        TensorRef t = (TensorRef) ((Map<?, ?>) o).get("w");
        assertArrayEquals(new long[] {2, 2}, t.size());
        assertArrayEquals(new long[] {2, 1}, t.stride());
        assertEquals(4, t.storage().numel());
        assertEquals("0", t.storage().key());
    }
}
