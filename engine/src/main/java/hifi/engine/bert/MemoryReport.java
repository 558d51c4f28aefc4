package hifi.engine.bert;

import java.util.Locale;

/**
 * Memory of one training step, by part: index 0 is the embeddings, {@code 1..L} the encoder layers, the last the
 * pooler and task head.
 *
 * @param tokens           tokens in the batch ({@code B·T}, padding included)
 * @param activationBytes  activations kept for the backward
 * @param gradientBytes    gradient storage (trainable slices only)
 */
public record MemoryReport(int tokens, long[] activationBytes, long[] gradientBytes) {

    public long totalActivationBytes() {
        long s = 0;
        for (long b : activationBytes) s += b;
        return s;
    }

    public long totalGradientBytes() {
        long s = 0;
        for (long b : gradientBytes) s += b;
        return s;
    }

    /** Activation bytes per token of part {@code i}. */
    public double activationBytesPerToken(int i) {
        return activationBytes[i] / (double) tokens;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-12s %18s %14s%n", "part", "activations B/token", "gradients B"));
        for (int i = 0; i < activationBytes.length; i++) {
            String name = i == 0 ? "embeddings" : i == activationBytes.length - 1 ? "pooler+head" : "layer " + (i - 1);
            sb.append(String.format(Locale.ROOT, "%-12s %18.1f %14d%n", name, activationBytesPerToken(i), gradientBytes[i]));
        }
        sb.append(String.format(Locale.ROOT, "%-12s %18.1f %14d%n", "total", totalActivationBytes() / (double) tokens, totalGradientBytes()));
        return sb.toString();
    }
}
