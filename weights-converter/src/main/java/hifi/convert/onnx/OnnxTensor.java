package hifi.convert.onnx;

import hifi.engine.io.ModelFormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An ONNX {@code TensorProto}: an initializer or a constant. Values come either as little-endian {@code raw_data}
 * (kept as a view of the mapped file) or in the typed repeated fields ({@code float_data}, {@code int64_data},
 * {@code int32_data}).
 */
public record OnnxTensor(Path file, String name, int dataType, long[] dims, MemorySegment raw, float[] floatData,
                         long[] intData) {
    public static final int FLOAT = 1;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int DOUBLE = 11;

    private static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Number of elements the dims describe (checked against the data when values are read). */
    public long numel() {
        long n = 1;
        for (long d : dims) {
            if (d < 0) throw new ModelFormatException(file, name, "negative dimension in " + Arrays.toString(dims));
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new ModelFormatException(file, name, "dims " + Arrays.toString(dims) + " overflow");
            }
        }
        return n;
    }

    /** The dims as an int shape. */
    public int[] shape() {
        int[] s = new int[dims.length];
        for (int i = 0; i < s.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new ModelFormatException(file, name, "dimension " + dims[i] + " out of range in " + Arrays.toString(dims));
            }
            s[i] = (int) dims[i];
        }
        return s;
    }

    /** The values as fp32; the tensor must be FLOAT (or DOUBLE, rounded). */
    public float[] floats() {
        int n = count();
        if (dataType == FLOAT) {
            if (raw != null) {
                checkRaw(n, 4);
                float[] out = new float[n];
                MemorySegment.copy(raw, F32_LE, 0, out, 0, n);
                return out;
            }
            if (floatData.length != n) throw mismatch(floatData.length);
            return floatData.clone();
        }
        if (dataType == DOUBLE && raw != null) {
            checkRaw(n, 8);
            float[] out = new float[n];
            for (int i = 0; i < n; i++) out[i] = (float) raw.getAtIndex(F64_LE, i);
            return out;
        }
        throw new ModelFormatException(file, name, "ONNX data type " + dataType + " cannot be read as fp32");
    }

    /** The values as longs; the tensor must be INT64 or INT32. */
    public long[] longs() {
        int n = count();
        if (dataType != INT64 && dataType != INT32) {
            throw new ModelFormatException(file, name, "ONNX data type " + dataType + " is not an integer type");
        }
        if (raw != null) {
            int width = dataType == INT64 ? 8 : 4;
            checkRaw(n, width);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = width == 8 ? raw.getAtIndex(I64_LE, i) : raw.getAtIndex(I32_LE, i);
            return out;
        }
        if (intData.length != n) throw mismatch(intData.length);
        return intData.clone();
    }

    private int count() {
        long n = numel();
        if (n > Integer.MAX_VALUE - 16) throw new ModelFormatException(file, name, n + " elements exceed one Java array");
        return (int) n;
    }

    private void checkRaw(int n, int width) {
        if (raw.byteSize() != (long) n * width) {
            throw new ModelFormatException(file, name, "raw_data holds " + raw.byteSize() + " bytes but dims "
                    + Arrays.toString(dims) + " need " + (long) n * width);
        }
    }

    private ModelFormatException mismatch(int have) {
        return new ModelFormatException(file, name, have + " values do not fill dims " + Arrays.toString(dims));
    }
}
