package hifi.engine.param;

import hifi.engine.backend.Backend;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient storage for exactly the trainable slices of a model: one compact tensor per {@link Slice}, nothing for a
 * frozen parameter. The backward accumulates into these tensors ({@code +=}), so call {@link #zero} before each step.
 *
 * <p>A module asks {@link #of(String)} for the slices of one of its parameters and runs a weight-gradient GEMM for each
 * one; an empty list means the GEMM is skipped.
 */
public final class Gradients {

    /**
     * One trainable slice: {@code value} is the view of the parameter it covers (e.g. rows {@code s..s+len−1} of a
     * query weight), {@code grad} a contiguous tensor of the same shape. An optimiser updates {@code value} from
     * {@code grad} and never touches anything else.
     */
    public record Slice(Parameter parameter, Trainable.Range range, Tensor value, Tensor grad) {
        /** E.g. {@code bert.encoder.layer.0.attention.self.query.weight[rows 8..15]}. */
        public String label() {
            int d = parameter.value().dim(range.dim());
            if (range.start() == 0 && range.length() == d) return parameter.name();
            return parameter.name() + "[" + (range.dim() == 0 ? "rows " : "cols ") + range.start() + ".." + (range.start() + range.length() - 1) + "]";
        }
    }

    private final Map<String, List<Slice>> byName;
    private final List<Slice> all;

    private Gradients(Map<String, List<Slice>> byName, List<Slice> all) {
        this.byName = byName;
        this.all = all;
    }

    /** Zero-filled gradients for the slices of {@code parameters} that {@code trainable} selects. */
    public static Gradients allocate(List<Parameter> parameters, Trainable trainable, int headSize, Backend backend) {
        Map<String, List<Trainable.Range>> ranges = new LinkedHashMap<>();
        for (Parameter p : parameters) ranges.put(p.name(), trainable.ranges(p, headSize));
        return allocate(parameters, ranges, backend);
    }

    /**
     * Zero-filled gradients for exactly the slices {@code ranges} names (by parameter name; a parameter it lacks is
     * frozen), in the order of {@code parameters}: the layout of another {@code Gradients} rebuilt on another copy of
     * the model, from its slices' {@link Slice#range() ranges}.
     */
    public static Gradients allocate(List<Parameter> parameters, Map<String, List<Trainable.Range>> ranges, Backend backend) {
        Map<String, List<Slice>> byName = new LinkedHashMap<>();
        List<Slice> all = new ArrayList<>();
        for (Parameter p : parameters) {
            List<Slice> slices = new ArrayList<>();
            for (Trainable.Range r : ranges.getOrDefault(p.name(), List.of())) {
                var view = p.value().narrow(r.dim(), r.start(), r.length());
                slices.add(new Slice(p, r, view, backend.allocate(view.shape())));
            }
            if (!slices.isEmpty()) {
                byName.put(p.name(), Collections.unmodifiableList(slices));
                all.addAll(slices);
            }
        }
        return new Gradients(byName, Collections.unmodifiableList(all));
    }

    /** The slices of parameter {@code name}; empty when it is frozen. */
    public List<Slice> of(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** True if any slice of parameter {@code name} is trainable. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** True if any of the named parameters is trainable. */
    public boolean hasAny(List<Parameter> parameters) {
        for (Parameter p : parameters) if (byName.containsKey(p.name())) return true;
        return false;
    }

    /** Every slice, in model parameter order. */
    public List<Slice> slices() {
        return all;
    }

    /** The single slice of a parameter trained as a whole, or {@code null} when it is frozen. */
    public Tensor whole(String name) {
        List<Slice> s = of(name);
        if (s.isEmpty()) return null;
        if (s.size() != 1 || s.get(0).grad().numel() != s.get(0).parameter().value().numel()) {
            throw new IllegalStateException(name + " is trained in slices, not as a whole");
        }
        return s.get(0).grad();
    }

    /** Sets every gradient to zero. */
    public void zero(Backend backend) {
        for (Slice s : all) backend.fill(s.grad(), 0f);
    }

    /** Number of trainable scalars. */
    public long count() {
        long n = 0;
        for (Slice s : all) n += s.grad().numel();
        return n;
    }

    /** Bytes held by gradient tensors (float32). */
    public long bytes() {
        return 4 * count();
    }
}
