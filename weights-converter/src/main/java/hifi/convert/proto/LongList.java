package hifi.convert.proto;

import java.util.Arrays;

/** A growable list of primitive longs (repeated integer fields). */
public final class LongList {
    private long[] values = new long[4];
    private int size;

    public void add(long v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    public int size() {
        return size;
    }

    public long get(int i) {
        if (i >= size) throw new IndexOutOfBoundsException(i);
        return values[i];
    }

    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
