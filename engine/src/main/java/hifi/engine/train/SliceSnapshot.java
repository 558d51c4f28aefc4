package hifi.engine.train;

import hifi.engine.param.Gradients;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** A copy of the current values of every trainable slice (e.g. the best weights so far); frozen weights need none. */
public final class SliceSnapshot {
    private final List<Tensor> values;

    private SliceSnapshot(List<Tensor> values) {
        this.values = values;
    }

    /** Copies the values of {@code grads}' slices. */
    public static SliceSnapshot of(Gradients grads) {
        List<Tensor> v = new ArrayList<>();
        for (Gradients.Slice s : grads.slices()) {
            Tensor copy = Tensor.zeros(s.value().shape());
            copy.copyFrom(s.value());
            v.add(copy);
        }
        return new SliceSnapshot(v);
    }

    /** Wraps already-copied tensors, one per slice in {@link Gradients#slices()} order. */
    public static SliceSnapshot wrap(List<Tensor> values) {
        return new SliceSnapshot(List.copyOf(values));
    }

    /** The copied values, one per slice. */
    public List<Tensor> values() {
        return values;
    }

    /** Writes the snapshot back into the model's slices. */
    public void restoreInto(Gradients grads) {
        List<Gradients.Slice> slices = grads.slices();
        if (slices.size() != values.size()) throw new IllegalArgumentException("snapshot of " + values.size() + " slices, model has " + slices.size());
        for (int i = 0; i < slices.size(); i++) slices.get(i).value().copyFrom(values.get(i));
    }
}
