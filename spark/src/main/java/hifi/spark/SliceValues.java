package hifi.spark;

import hifi.engine.backend.Backend;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.param.Gradients;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainable slices of one step as the driver sends them out: where each slice lies (parameter, dimension, start,
 * length) and its current values. An executor rebuilds the same gradient layout on its model copy and writes the
 * values into it before computing a micro-batch.
 */
final class SliceValues implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] parameters;
    private final int[][] ranges;
    private final float[][] values;

    private SliceValues(String[] parameters, int[][] ranges, float[][] values) {
        this.parameters = parameters;
        this.ranges = ranges;
        this.values = values;
    }

    /** The slices of {@code trained} with their values now. */
    static SliceValues of(Gradients trained) {
        List<Gradients.Slice> slices = trained.slices();
        String[] names = new String[slices.size()];
        int[][] ranges = new int[slices.size()][];
        float[][] values = new float[slices.size()][];
        for (int i = 0; i < names.length; i++) {
            Gradients.Slice s = slices.get(i);
            names[i] = s.parameter().name();
            ranges[i] = new int[] {s.range().dim(), s.range().start(), s.range().length()};
            values[i] = s.value().toArray();
        }
        return new SliceValues(names, ranges, values);
    }

    /** Zeroed gradient storage on {@code model} with the driver's layout. */
    Gradients allocate(BertForSequenceClassification model) {
        Map<String, List<Trainable.Range>> layout = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i++) {
            layout.computeIfAbsent(parameters[i], k -> new ArrayList<>()).add(new Trainable.Range(ranges[i][0], ranges[i][1], ranges[i][2]));
        }
        Gradients g = Gradients.allocate(model.parameters(), layout, model.backend());
        if (g.slices().size() != parameters.length) throw new IllegalStateException("the executor's model lacks trainable slices the driver has");
        return g;
    }

    /** Writes the values into the slices of {@code grads} (a layout from {@link #allocate}). */
    void writeInto(Gradients grads, Backend backend) {
        List<Gradients.Slice> slices = grads.slices();
        for (int i = 0; i < values.length; i++) backend.copy(Tensor.of(values[i], slices.get(i).value().shape()), slices.get(i).value());
    }

    /** The gradients of {@code grads} as arrays, slice by slice (what goes back to the driver). */
    static float[][] gradients(Gradients grads, Backend backend) {
        List<Gradients.Slice> slices = grads.slices();
        float[][] out = new float[slices.size()][];
        for (int i = 0; i < out.length; i++) out[i] = backend.toHost(slices.get(i).grad());
        return out;
    }
}
