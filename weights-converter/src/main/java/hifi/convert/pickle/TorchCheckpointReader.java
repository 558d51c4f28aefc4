package hifi.convert.pickle;

import hifi.convert.model.NamedTensor;
import hifi.convert.model.StateDict;
import hifi.engine.io.DType;
import hifi.engine.io.ModelFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a PyTorch checkpoint in the zip format ({@code torch.save} since 1.6, HF's {@code pytorch_model.bin}):
 * {@code <archive>/data.pkl} is a pickle of the state dict whose tensors point by persistent id at storages stored as
 * {@code <archive>/data/<key>} (raw little-endian). The pickle goes through {@link SafeUnpickler}; each tensor's
 * strided view is then gathered from its storage and converted to fp32. Integer tensors (e.g. {@code position_ids})
 * are skipped: the model holds only floating-point weights.
 */
public final class TorchCheckpointReader {
    private TorchCheckpointReader() {
    }

    /** Reads every floating-point tensor of the checkpoint at {@code file}. */
    public static StateDict read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pkl = zip.stream().filter(e -> e.getName().endsWith("data.pkl")).findFirst()
                    .orElseThrow(() -> new ModelFormatException(file, "no data.pkl inside: not a zip-format torch checkpoint"
                            + " (legacy pre-1.6 checkpoints are not supported; re-save with a current torch)"));
            String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            Object root = SafeUnpickler.load(file, readAll(file, zip, pkl));
            if (!(root instanceof Map<?, ?> dict)) throw new ModelFormatException(file, "the pickle holds no state dict (a dict of tensors)");
            StateDict out = new StateDict(file);
            Map<String, ByteBuffer> storages = new HashMap<>();
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                if (!(e.getKey() instanceof String name)) throw new ModelFormatException(file, "state dict key " + e.getKey() + " is not a string");
                if (!(e.getValue() instanceof TensorRef t)) throw new ModelFormatException(file, name, "value is not a tensor");
                if (!t.storage().dtype().isFloatingPoint()) continue;
                ByteBuffer storage = storages.get(t.storage().key());
                if (storage == null) {
                    storage = storage(file, zip, prefix, name, t.storage());
                    storages.put(t.storage().key(), storage);
                }
                out.add(new NamedTensor(name, shape(file, name, t), gather(file, name, t, storage)));
            }
            return out;
        } catch (ZipException e) {
            throw new ModelFormatException(file, "not a readable zip: " + e.getMessage());
        }
    }

    private static byte[] readAll(Path file, ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException | OutOfMemoryError e) {
            throw new ModelFormatException(file, "cannot read zip entry " + entry.getName() + ": " + e);
        }
    }

    private static ByteBuffer storage(Path file, ZipFile zip, String prefix, String tensor, StorageRef ref) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "data/" + ref.key());
        if (entry == null) throw new ModelFormatException(file, tensor, "storage " + prefix + "data/" + ref.key() + " is missing");
        byte[] bytes = readAll(file, zip, entry);
        if (bytes.length % ref.dtype().bytes() != 0 || bytes.length / ref.dtype().bytes() != ref.numel()) {
            throw new ModelFormatException(file, tensor, "storage " + ref.key() + " holds " + bytes.length + " bytes, expected "
                    + ref.numel() + " × " + ref.dtype().bytes());
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int[] shape(Path file, String name, TensorRef t) {
        int[] s = new int[t.size().length];
        long n = 1;
        for (int i = 0; i < s.length; i++) {
            if (t.size()[i] > Integer.MAX_VALUE) throw new ModelFormatException(file, name, "dimension " + t.size()[i] + " too large");
            s[i] = (int) t.size()[i];
            n *= s[i];
            if (n > Integer.MAX_VALUE - 16) throw new ModelFormatException(file, name, "too many elements for one array");
        }
        if (t.stride().length != s.length) {
            throw new ModelFormatException(file, name, "size " + Arrays.toString(t.size()) + " and stride " + Arrays.toString(t.stride()) + " differ in rank");
        }
        return s;
    }

    /** Copies the strided view {@code offset + Σ index[d]·stride[d]} out of the storage, row-major. */
    private static float[] gather(Path file, String name, TensorRef t, ByteBuffer storage) {
        int[] shape = shape(file, name, t);
        int n = 1;
        for (int d : shape) n *= d;
        long maxIndex = t.offset();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > 0) maxIndex += (shape[d] - 1) * t.stride()[d];
        }
        if (n > 0 && maxIndex >= t.storage().numel()) {
            throw new ModelFormatException(file, name, "view (offset " + t.offset() + ", size " + Arrays.toString(t.size())
                    + ", stride " + Arrays.toString(t.stride()) + ") reaches past its storage of " + t.storage().numel() + " elements");
        }
        float[] out = new float[n];
        DType dtype = t.storage().dtype();
        if (dtype == DType.F32 && isContiguous(shape, t.stride())) {
            storage.slice((int) t.offset() * 4, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        int[] index = new int[shape.length];
        for (int i = 0; i < n; i++) {
            long e = t.offset();
            for (int d = 0; d < shape.length; d++) e += index[d] * t.stride()[d];
            out[i] = element(storage, dtype, (int) e);
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
        return out;
    }

    private static boolean isContiguous(int[] shape, long[] stride) {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    private static float element(ByteBuffer s, DType dtype, int e) {
        return switch (dtype) {
            case F32 -> s.getFloat(e * 4);
            case F16 -> Float.float16ToFloat(s.getShort(e * 2));
            case BF16 -> Float.intBitsToFloat(s.getShort(e * 2) << 16);
            case F64 -> (float) s.getDouble(e * 8);
            default -> throw new AssertionError(dtype);
        };
    }
}
