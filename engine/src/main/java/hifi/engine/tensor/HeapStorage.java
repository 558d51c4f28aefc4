package hifi.engine.tensor;

/** Storage backed by one Java {@code float[]}; the CPU backends read and write {@link #array()} directly. */
public record HeapStorage(float[] array) implements Storage {
    @Override
    public long size() {
        return array.length;
    }

    @Override
    public float[] hostArray() {
        return array;
    }
}
