package hifi.engine.io;

import hifi.engine.tensor.Tensor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file, memory-mapped read-only. Opening maps the whole file (long offsets: no 2 GB limit), parses and
 * validates the header ({@link SafetensorsHeader}); tensors are then read on demand straight from the mapping.
 * Closing unmaps the file; reading afterwards fails.
 *
 * <p>Layout: an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8 JSON, then the data region.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Largest header we accept (the reference implementation's limit is 100 MB). */
    public static final long MAX_HEADER_BYTES = 100L << 20;

    static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt I32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong I64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble F64_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final Arena arena;
    private final MemorySegment data;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path path, Arena arena, MemorySegment data, SafetensorsHeader header) {
        this.path = path;
        this.arena = arena;
        this.data = data;
        this.header = header;
    }

    /** Maps and validates {@code path}. Throws {@link ModelFormatException} for a malformed file. */
    public static SafetensorsFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment whole = size == 0 ? MemorySegment.ofArray(new byte[0]) : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            SafetensorsHeader header = parseHeader(path, whole);
            long dataStart = 8 + whole.get(I64_LE, 0);
            return new SafetensorsFile(path, arena, whole.asSlice(dataStart), header);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Maps and validates {@code path}, then checks its {@link TensorChecksums checksums}: a mismatch is a
     * {@link ModelFormatException} naming the file and the tensor; a file without checksums (written before they
     * existed) opens with a one-line warning on stderr.
     */
    public static SafetensorsFile openVerified(Path path) throws IOException {
        SafetensorsFile f = open(path);
        try {
            if (!f.verify()) TensorChecksums.warnUnverified(path);
            return f;
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** Validates the length prefix and header of a whole file held in {@code whole}. */
    static SafetensorsHeader parseHeader(Path path, MemorySegment whole) {
        long size = whole.byteSize();
        if (size < 8) {
            throw new ModelFormatException(path, "truncated: " + size + " bytes, shorter than the 8-byte header length");
        }
        long n = whole.get(I64_LE, 0);
        if (n < 2 || n > MAX_HEADER_BYTES) {
            throw new ModelFormatException(path, "header length " + Long.toUnsignedString(n) + " is not sane (must be 2.."
                    + MAX_HEADER_BYTES + ")");
        }
        if (n > size - 8) {
            throw new ModelFormatException(path, "header length " + n + " reaches past the end of the " + size + "-byte file (truncated?)");
        }
        byte[] json = whole.asSlice(8, n).toArray(ValueLayout.JAVA_BYTE);
        return SafetensorsHeader.parse(path, json, size - 8 - n);
    }

    /**
     * Checks the data and header against the checksums the file records ({@link TensorChecksums}): {@code true} when
     * they all match, {@code false} when the file records none; any mismatch is a {@link ModelFormatException}
     * naming the file and the tensor. Reads every byte of the data once.
     */
    public boolean verify() {
        return TensorChecksums.verify(path, header, data);
    }

    /** The file this was opened from. */
    public Path path() {
        return path;
    }

    /** The validated header. */
    public SafetensorsHeader header() {
        return header;
    }

    /** The {@code __metadata__} map (empty if absent). */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** Tensor names in header order. */
    public List<String> names() {
        return List.copyOf(header.tensors().keySet());
    }

    /** Whether a tensor of this name exists. */
    public boolean contains(String name) {
        return header.tensors().containsKey(name);
    }

    /** The entry for {@code name}; a missing name is a {@link ModelFormatException} naming the file and tensor. */
    public TensorInfo info(String name) {
        TensorInfo t = header.tensors().get(name);
        if (t == null) throw new ModelFormatException(path, name, "no such tensor in the file");
        return t;
    }

    /** The raw little-endian bytes of a tensor, a zero-copy view of the mapping. */
    public MemorySegment bytes(String name) {
        TensorInfo t = info(name);
        return data.asSlice(t.begin(), t.byteSize());
    }

    /** Reads a floating-point tensor as fp32 (F16 and BF16 widened exactly, F64 rounded). */
    public float[] readFloats(String name) {
        TensorInfo t = info(name);
        if (!t.dtype().isFloatingPoint()) {
            throw new ModelFormatException(path, name, "dtype " + t.dtype() + " cannot be read as floats");
        }
        int n = heapCount(t);
        MemorySegment src = data.asSlice(t.begin(), t.byteSize());
        float[] out = new float[n];
        switch (t.dtype()) {
            case F32 -> MemorySegment.copy(src, F32_LE, 0, out, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) out[i] = Float.float16ToFloat(src.getAtIndex(I16_LE, i));
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat(src.getAtIndex(I16_LE, i) << 16);
            }
            case F64 -> {
                for (int i = 0; i < n; i++) out[i] = (float) src.getAtIndex(F64_LE, i);
            }
            default -> throw new AssertionError(t.dtype());
        }
        return out;
    }

    /** Reads a floating-point tensor into a fresh heap {@link Tensor} of its shape. */
    public Tensor readTensor(String name) {
        TensorInfo t = info(name);
        float[] values = readFloats(name);
        try {
            return Tensor.of(values, t.intShape());
        } catch (ArithmeticException e) {
            throw new ModelFormatException(path, name, "a dimension does not fit an int");
        }
    }

    /** Reads an integer tensor (I64, I32, I16, I8, U8, BOOL) widened to {@code long}. */
    public long[] readLongs(String name) {
        TensorInfo t = info(name);
        int n = heapCount(t);
        MemorySegment src = data.asSlice(t.begin(), t.byteSize());
        long[] out = new long[n];
        switch (t.dtype()) {
            case I64 -> MemorySegment.copy(src, I64_LE, 0, out, 0, n);
            case I32 -> {
                for (int i = 0; i < n; i++) out[i] = src.getAtIndex(I32_LE, i);
            }
            case I16 -> {
                for (int i = 0; i < n; i++) out[i] = src.getAtIndex(I16_LE, i);
            }
            case I8 -> {
                for (int i = 0; i < n; i++) out[i] = src.get(ValueLayout.JAVA_BYTE, i);
            }
            case U8, BOOL -> {
                for (int i = 0; i < n; i++) out[i] = Byte.toUnsignedLong(src.get(ValueLayout.JAVA_BYTE, i));
            }
            default -> throw new ModelFormatException(path, name, "dtype " + t.dtype() + " cannot be read as integers");
        }
        return out;
    }

    /** Reads an integer tensor as {@code int[]}; values outside the int range are an error. */
    public int[] readInts(String name) {
        long[] wide = readLongs(name);
        int[] out = new int[wide.length];
        for (int i = 0; i < wide.length; i++) {
            if (wide[i] != (int) wide[i]) throw new ModelFormatException(path, name, "value " + wide[i] + " at " + i + " overflows int");
            out[i] = (int) wide[i];
        }
        return out;
    }

    private int heapCount(TensorInfo t) {
        long n = t.numel();
        if (n > Integer.MAX_VALUE - 16) {
            throw new ModelFormatException(path, t.name(), n + " elements do not fit one Java array; use bytes() for a mapped view");
        }
        return (int) n;
    }

    /** Unmaps the file. */
    @Override
    public void close() {
        arena.close();
    }
}
