package hifi.engine.tensor;

import java.util.Arrays;

/** A shape mismatch in an op: the message names the op and every shape involved. */
public final class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }

    /** {@code op: what (shapes a, b, ...)}. */
    public static ShapeException of(String op, String what, int[]... shapes) {
        StringBuilder sb = new StringBuilder(op).append(": ").append(what).append(" (shapes");
        for (int[] s : shapes) sb.append(' ').append(Arrays.toString(s));
        return new ShapeException(sb.append(')').toString());
    }
}
