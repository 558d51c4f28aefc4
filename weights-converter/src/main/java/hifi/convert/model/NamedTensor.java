package hifi.convert.model;

import java.util.Arrays;

/** A tensor read from a source checkpoint: its name there, its shape (outermost first) and its values as fp32. */
public record NamedTensor(String name, int[] shape, float[] values) {
    public NamedTensor {
        long n = 1;
        for (int d : shape) n *= d;
        if (n != values.length) {
            throw new IllegalArgumentException("tensor \"" + name + "\": " + values.length + " values for shape " + Arrays.toString(shape));
        }
    }

    /** The same values under another name. */
    public NamedTensor renamed(String newName) {
        return new NamedTensor(newName, shape, values);
    }

    /** A 2-D tensor {@code [rows, cols]} transposed into a fresh {@code [cols, rows]} tensor. */
    public NamedTensor transposed(String newName) {
        if (shape.length != 2) throw new IllegalArgumentException("tensor \"" + name + "\" is not 2-D: " + Arrays.toString(shape));
        int rows = shape[0];
        int cols = shape[1];
        float[] out = new float[values.length];
        final int block = 64;
        for (int r0 = 0; r0 < rows; r0 += block) {
            for (int c0 = 0; c0 < cols; c0 += block) {
                int rEnd = Math.min(rows, r0 + block);
                int cEnd = Math.min(cols, c0 + block);
                for (int r = r0; r < rEnd; r++) {
                    for (int c = c0; c < cEnd; c++) out[c * rows + r] = values[r * cols + c];
                }
            }
        }
        return new NamedTensor(newName, new int[] {cols, rows}, out);
    }
}
