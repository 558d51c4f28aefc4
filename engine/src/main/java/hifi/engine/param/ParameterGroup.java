package hifi.engine.param;

import java.util.function.Predicate;

/**
 * A named set of whole tensors, chosen by parameter name (e.g. "every bias"), that {@link Trainable.Builder#group}
 * makes trainable. A model defines its own groups next to its parameter names; {@link #ALL} fits every model.
 *
 * @param label   how the group prints (in {@link Trainable#toString()})
 * @param members true for the names of the parameters in the group
 */
public record ParameterGroup(String label, Predicate<String> members) {
    /** Every parameter. */
    public static final ParameterGroup ALL = new ParameterGroup("ALL", name -> true);

    /** True if the parameter {@code name} belongs to the group. */
    public boolean contains(String name) {
        return members.test(name);
    }

    @Override
    public String toString() {
        return label;
    }
}
