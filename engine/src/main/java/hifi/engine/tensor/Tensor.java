package hifi.engine.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor: a {@link Storage}, an element offset into it, a shape and strides (in elements).
 *
 * <p>Freshly allocated tensors are row-major and contiguous. Views ({@link #narrow}, {@link #rows},
 * {@link #select}, {@link #permute}, {@link #view}) share storage and cost nothing; the typical non-contiguous view is
 * a head slice, e.g. the columns {@code h*dh .. (h+1)*dh-1} of a {@code [tokens, hidden]} activation, whose row stride
 * stays {@code hidden}. Kernels require the last dimension to have stride 1 unless they say otherwise.
 */
public final class Tensor {
    private final Storage storage;
    private final int offset;
    private final int[] shape;
    private final int[] strides;

    private Tensor(Storage storage, int offset, int[] shape, int[] strides) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    /** A zero-filled contiguous heap tensor. */
    public static Tensor zeros(int... shape) {
        long n = numel(shape);
        if (n > Integer.MAX_VALUE - 16) {
            throw new ShapeException("Tensor.zeros: " + n + " elements exceed one heap array (shape " + Arrays.toString(shape) + ")");
        }
        return new Tensor(new HeapStorage(new float[(int) n]), 0, shape.clone(), contiguousStrides(shape));
    }

    /** Wraps {@code data} (not copied) as a contiguous tensor of the given shape. */
    public static Tensor of(float[] data, int... shape) {
        if (numel(shape) != data.length) {
            throw new ShapeException("Tensor.of: " + data.length + " floats do not fill shape " + Arrays.toString(shape));
        }
        return new Tensor(new HeapStorage(data), 0, shape.clone(), contiguousStrides(shape));
    }

    /** The first {@code numel(shape)} floats of {@code data} (not copied) as a contiguous tensor; the rest is unused. */
    public static Tensor ofPrefix(float[] data, int... shape) {
        if (numel(shape) > data.length) {
            throw new ShapeException("Tensor.ofPrefix: " + data.length + " floats cannot hold shape " + Arrays.toString(shape));
        }
        return new Tensor(new HeapStorage(data), 0, shape.clone(), contiguousStrides(shape));
    }

    /** A contiguous tensor of {@code shape} over {@code storage}, from its element 0 (device backends, plans). */
    public static Tensor contiguous(Storage storage, int... shape) {
        return over(storage, 0, shape, contiguousStrides(shape));
    }

    /** A tensor over any storage (used by device backends). */
    public static Tensor over(Storage storage, int offset, int[] shape, int[] strides) {
        if (shape.length != strides.length) {
            throw new ShapeException("Tensor.over: shape " + Arrays.toString(shape) + " and strides " + Arrays.toString(strides) + " differ in rank");
        }
        return new Tensor(storage, offset, shape.clone(), strides.clone());
    }

    public static long numel(int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new ShapeException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        return n;
    }

    static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    public Storage storage() {
        return storage;
    }

    /**
     * The heap array behind this tensor. For a device storage this is its host copy, brought up to date first (see
     * {@link Storage#hostArray()}).
     */
    public float[] data() {
        if (storage instanceof HeapStorage h) return h.array();
        return storage.hostArray();
    }

    public int offset() {
        return offset;
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    public int stride(int i) {
        return strides[i < 0 ? strides.length + i : i];
    }

    public int[] shape() {
        return shape.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    public int numel() {
        return (int) numel(shape);
    }

    public boolean isContiguous() {
        return Arrays.equals(strides, contiguousStrides(shape));
    }

    /** Rows of the trailing 2-D matrix: product of all dimensions but the last. */
    public int rows() {
        return shape.length == 0 ? 1 : numel() / Math.max(1, shape[shape.length - 1]);
    }

    /** Length of the last dimension. */
    public int cols() {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }

    /** Same storage, new shape; only for contiguous tensors. */
    public Tensor view(int... newShape) {
        if (!isContiguous()) throw new ShapeException("Tensor.view: tensor " + Arrays.toString(shape) + " with strides " + Arrays.toString(strides) + " is not contiguous");
        if (numel(newShape) != numel()) throw ShapeException.of("Tensor.view", "element count differs", shape, newShape);
        return new Tensor(storage, offset, newShape.clone(), contiguousStrides(newShape));
    }

    /** The sub-range {@code [start, start+length)} of dimension {@code dim}. */
    public Tensor narrow(int dim, int start, int length) {
        int d = dim < 0 ? shape.length + dim : dim;
        if (d < 0 || d >= shape.length || start < 0 || length < 0 || start + length > shape[d]) {
            throw new ShapeException("Tensor.narrow: dim " + dim + " range [" + start + ", " + (start + length) + ") outside shape " + Arrays.toString(shape));
        }
        int[] ns = shape.clone();
        ns[d] = length;
        return new Tensor(storage, offset + start * strides[d], ns, strides.clone());
    }

    /** Rows {@code [start, start+n)} of dimension 0. */
    public Tensor rows(int start, int n) {
        return narrow(0, start, n);
    }

    /** Columns {@code [start, start+n)} of the last dimension (e.g. one attention head's slice). */
    public Tensor cols(int start, int n) {
        return narrow(-1, start, n);
    }

    /** Drops dimension {@code dim} by fixing it at {@code index}. */
    public Tensor select(int dim, int index) {
        int d = dim < 0 ? shape.length + dim : dim;
        if (d < 0 || d >= shape.length || index < 0 || index >= shape[d]) {
            throw new ShapeException("Tensor.select: index " + index + " of dim " + dim + " outside shape " + Arrays.toString(shape));
        }
        int[] ns = new int[shape.length - 1];
        int[] st = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i == d) continue;
            ns[j] = shape[i];
            st[j++] = strides[i];
        }
        return new Tensor(storage, offset + index * strides[d], ns, st);
    }

    /** Reorders dimensions: {@code order[i]} is the old dimension that becomes dimension {@code i}. */
    public Tensor permute(int... order) {
        if (order.length != shape.length) throw new ShapeException("Tensor.permute: order " + Arrays.toString(order) + " does not match rank of " + Arrays.toString(shape));
        int[] ns = new int[order.length];
        int[] st = new int[order.length];
        boolean[] seen = new boolean[order.length];
        for (int i = 0; i < order.length; i++) {
            if (order[i] < 0 || order[i] >= order.length || seen[order[i]]) throw new ShapeException("Tensor.permute: " + Arrays.toString(order) + " is not a permutation");
            seen[order[i]] = true;
            ns[i] = shape[order[i]];
            st[i] = strides[order[i]];
        }
        return new Tensor(storage, offset, ns, st);
    }

    /** Element offset into storage of a full index. */
    public int index(int... idx) {
        if (idx.length != shape.length) throw new ShapeException("Tensor.index: " + idx.length + " indices for shape " + Arrays.toString(shape));
        int o = offset;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " outside shape " + Arrays.toString(shape));
            o += idx[i] * strides[i];
        }
        return o;
    }

    public float get(int... idx) {
        return data()[index(idx)];
    }

    public void set(float v, int... idx) {
        data()[index(idx)] = v;
    }

    /** A contiguous copy of the elements in row-major order. */
    public float[] toArray() {
        float[] out = new float[numel()];
        float[] src = data();
        int[] idx = new int[shape.length];
        for (int n = 0; n < out.length; n++) {
            int o = offset;
            for (int i = 0; i < idx.length; i++) o += idx[i] * strides[i];
            out[n] = src[o];
            for (int i = idx.length - 1; i >= 0; i--) {
                if (++idx[i] < shape[i]) break;
                idx[i] = 0;
            }
        }
        return out;
    }

    /** A contiguous heap copy. */
    public Tensor copy() {
        return of(toArray(), shape);
    }

    /** Copies {@code src}'s elements (same shape, any strides) into this tensor. */
    public void copyFrom(Tensor src) {
        if (!Arrays.equals(shape, src.shape)) throw ShapeException.of("Tensor.copyFrom", "shapes differ", shape, src.shape);
        float[] vals = src.toArray();
        float[] dst = data();
        int[] idx = new int[shape.length];
        for (int n = 0; n < vals.length; n++) {
            int o = offset;
            for (int i = 0; i < idx.length; i++) o += idx[i] * strides[i];
            dst[o] = vals[n];
            for (int i = idx.length - 1; i >= 0; i--) {
                if (++idx[i] < shape[i]) break;
                idx[i] = 0;
            }
        }
    }

    /** Sets every element to {@code v}. */
    public void fill(float v) {
        if (isContiguous()) {
            Arrays.fill(data(), offset, offset + numel(), v);
        } else {
            float[] z = new float[numel()];
            Arrays.fill(z, v);
            copyFrom(of(z, shape));
        }
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape) + (isContiguous() ? "" : " strides " + Arrays.toString(strides));
    }
}
